package io.fanout.publish;

import io.fanout.testkit.Edge;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a stand-in's statistics every 100 ms: the longest stretch without a publisher of the key. */
final class GapWatch {
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong longest = new AtomicLong();
    private long gapStart = -1;

    GapWatch(Edge edge, String key) {
        sampler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (edge.isPublishing(key)) {
                gapStart = -1;
            } else {
                gapStart = gapStart < 0 ? now : gapStart;
                longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(now - gapStart), Math::max);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    long longestMillis() {
        return longest.get();
    }

    void stop() {
        sampler.shutdownNow();
    }
}
