package io.fanout.testkit;

import io.fanout.local.Edge;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a stand-in's statistics every 100 ms: the stretches without a publisher of the key (when
 * each began and how long it lasted), and the longest.
 */
public final class GapWatch implements AutoCloseable {

    /** A stretch without a publisher, as sampled. */
    public record Gap(Instant began, long millis) {
    }

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gap-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong longest = new AtomicLong();
    private final List<Gap> gaps = new CopyOnWriteArrayList<>();
    private volatile long gapStart = -1;
    private Instant gapBegan;

    public GapWatch(Edge edge, String key) {
        sampler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (edge.isPublishing(key)) {
                if (gapStart >= 0) {
                    gaps.add(new Gap(gapBegan, TimeUnit.NANOSECONDS.toMillis(now - gapStart)));
                }
                gapStart = -1;
            } else {
                if (gapStart < 0) {
                    gapStart = now;
                    gapBegan = Instant.now();
                }
                longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(now - gapStart), Math::max);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    public long longestMillis() {
        return longest.get();
    }

    /** Whether the last sample found no publisher. */
    public boolean inGap() {
        return gapStart >= 0;
    }

    /** The stretches without a publisher that have ended. */
    public List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    public void stop() {
        sampler.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
