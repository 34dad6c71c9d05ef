package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.servicekit.media.ProcessRecords;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each push as a local {@code ffmpeg -c copy} child process ({@link FfmpegJob}): broadcasting
 * is ffmpeg's own report of bytes written to the destination, and {@code -rw_timeout} makes a silent
 * source or destination end the process instead of hanging forever. A destination that stops
 * reading without closing is noticed from the progress: no bytes written for {@code stall-timeout}
 * (a bounded socket send buffer keeps that from being hidden for long).
 *
 * <p>Each running push is recorded in {@code runner-state-dir} ({@link ProcessRecords}: pid and
 * start time, never the key). A service killed without its shutdown leaves its ffmpeg children
 * running, which cannot be supervised again: the next instance stops every recorded push that is
 * still the same process before it starts any push, and its reconciliation starts them anew.
 * There is a gap of a few seconds at the destinations, and never two pushes to one key. Every push still running when
 * the service stops is stopped with it.
 */
@ApplicationScoped
@Typed(LocalPushRunner.class)
public class LocalPushRunner implements PushRunner {

    private final Map<UUID, FfmpegJob> running = new ConcurrentHashMap<>();
    private final PublishConfig config;
    private final SlateLoop slate;
    private final ProcessRecords records;

    public LocalPushRunner(PublishConfig config, SlateLoop slate) {
        this.config = config;
        this.slate = slate;
        this.records = new ProcessRecords(config.runnerStateDir()
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "fanout-publish-pushes")), "push");
        records.stopLeftovers();
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        List<String> arguments = PushCommand.arguments(push, config, push.slate() ? slate.file().toString() : null,
                push.destinationUrl());
        AtomicReference<FfmpegJob> self = new AtomicReference<>();
        try {
            // An armed push waits for its stream as long as it takes; any other gives up on a source
            // that sends nothing within io-timeout beyond its probe.
            Duration startTimeout = push.armed() ? null : config.ioTimeout().plus(config.sourceAnalyzeDuration());
            FfmpegJob job = FfmpegJob.start(config.ffmpeg(), arguments, push.toString(), push.secret(),
                    config.stallTimeout(), startTimeout, new PushProgress(push, listener, reason -> {
                        FfmpegJob me = self.get();
                        if (me != null && running.remove(push.targetId(), me)) {
                            records.forget(push.targetId().toString());
                        }
                        listener.broke(push, reason);
                    }));
            self.set(job);
            running.put(push.targetId(), job);
            records.record(push.targetId().toString(), job.handle());
            return true;
        } catch (IOException e) {
            listener.broke(push, "cannot start ffmpeg: " + e.getMessage());
            return false;
        }
    }

    /** Stops the target's push; until it has ended it still counts as running (nothing else starts for the target). */
    @Override
    public void stop(UUID targetId) {
        FfmpegJob job = running.get(targetId);
        if (job != null) {
            job.stop();
            running.remove(targetId, job);
            records.forget(targetId.toString());
        }
    }

    @Override
    public boolean isRunning(UUID targetId) {
        FfmpegJob job = running.get(targetId);
        return job != null && job.isAlive();
    }

    @Override
    public boolean canArm() {
        return true;
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}
