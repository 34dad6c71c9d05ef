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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs each push as a local {@code ffmpeg -c copy} process ({@link FfmpegJob}): broadcasting
 * is ffmpeg's own report of bytes written to the destination, and {@code -rw_timeout} makes a silent
 * source or destination end the process instead of hanging forever. A destination that stops
 * reading without closing is noticed from the progress: no bytes written for {@code stall-timeout}
 * (a bounded socket send buffer keeps that from being hidden for long).
 *
 * <p>Pushes outlive the instance that starts them, as pods do: each is a detached process whose
 * progress and errors go to files in {@code runner-state-dir}, beside its record ({@link
 * ProcessRecords}: pid, start time, stream, session and source, never the key). The instances of
 * publish-service on one machine share that directory. An instance that stops owning a stream
 * {@link #release releases} its pushes, which run on; the stream's new owner (another instance, or
 * this one restarted, even after a crash) {@link #adopt adopts} each that does what its plan says,
 * so a handover costs the destination nothing, and {@link #sweep sweeps} those no plan wants.
 */
@ApplicationScoped
@Typed(LocalPushRunner.class)
public class LocalPushRunner implements PushRunner {

    private static final Logger LOG = Logger.getLogger(LocalPushRunner.class);
    private static final String STREAM = "stream";
    private static final String SESSION = "session";
    private static final String SOURCE = "source";

    private final Map<UUID, FfmpegJob> running = new ConcurrentHashMap<>();
    private final PublishConfig config;
    private final SlateLoop slate;
    private final ProcessRecords records;

    public LocalPushRunner(PublishConfig config, SlateLoop slate) {
        this.config = config;
        this.slate = slate;
        this.records = new ProcessRecords(config.runnerStateDir()
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "fanout-publish-pushes")), "push");
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        String key = push.targetId().toString();
        List<String> arguments = PushCommand.arguments(push, config, push.slate() ? slate.file().toString() : null,
                push.destinationUrl());
        AtomicReference<FfmpegJob> self = new AtomicReference<>();
        try {
            // An armed push waits for its stream as long as it takes; any other gives up on a source
            // that sends nothing within io-timeout beyond its probe.
            Duration startTimeout = push.armed() ? null : config.ioTimeout().plus(config.sourceAnalyzeDuration());
            FfmpegJob job = FfmpegJob.start(config.ffmpeg(), arguments, push.toString(), push.secret(),
                    config.stallTimeout(), startTimeout, records.reports(key), progress(push, listener, self));
            self.set(job);
            running.put(push.targetId(), job);
            records.record(key, job.handle(), facts(push, push.sessionId()));
            return true;
        } catch (IOException e) {
            listener.broke(push, "cannot start ffmpeg: " + e.getMessage());
            return false;
        }
    }

    /**
     * Takes over the target's push left running by an instance that released it (or died), if it is
     * this push: the same session, reading the same source. A process that does something else is
     * left to {@link #sweep}.
     */
    @Override
    public synchronized boolean adopt(PushSpec push, Listener listener) {
        if (isRunning(push.targetId()) || push.sessionId() == null) {
            return false;
        }
        String key = push.targetId().toString();
        return records.find(key).filter(found -> found.facts().equals(facts(push, push.sessionId()))).map(found -> {
            AtomicReference<FfmpegJob> self = new AtomicReference<>();
            FfmpegJob job = FfmpegJob.adopt(found.process(), records.reports(key), push.toString(), push.secret(),
                    config.stallTimeout(), progress(push, listener, self));
            self.set(job);
            running.put(push.targetId(), job);
            return true;
        }).orElse(false);
    }

    /** An armed push now carries the session's push: its record says so, for an instance that adopts it. */
    @Override
    public void claimed(PushSpec as) {
        FfmpegJob job = running.get(as.targetId());
        if (job != null) {
            records.record(as.targetId().toString(), job.handle(), facts(as, as.sessionId()));
        }
    }

    /** Stops supervising the push; its process runs on for the stream's new owner to adopt. */
    @Override
    public void release(UUID targetId) {
        FfmpegJob job = running.remove(targetId);
        if (job != null) {
            job.release();
        }
    }

    /**
     * Stops the recorded pushes of owned streams that should not run and that nobody here supervises
     * (left by an instance for pushes that ended meanwhile), and forgets the records of processes
     * that are gone.
     */
    @Override
    public void sweep(Predicate<UUID> ownedStreams, Set<UUID> activeTargets) {
        for (String key : records.keys()) {
            UUID target = UUID.fromString(key);
            if (running.containsKey(target)) {
                continue;
            }
            records.find(key).ifPresentOrElse(found -> {
                String stream = found.facts().get(STREAM);
                if (stream != null && ownedStreams.test(UUID.fromString(stream)) && !activeTargets.contains(target)) {
                    LOG.infof("stopping the push of target %s (pid %d) that no longer runs", key, found.process().pid());
                    records.stop(found);
                }
            }, () -> records.forget(key));
        }
    }

    /** Stops the target's push; until it has ended it still counts as running (nothing else starts for the target). */
    @Override
    public void stop(UUID targetId) {
        FfmpegJob job = running.get(targetId);
        if (job != null) {
            job.stop();
            running.remove(targetId, job);
            records.forget(targetId.toString(), job.handle());
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

    /** The job's reports as the push's; an end nobody asked for forgets the push before it is reported. */
    private PushProgress progress(PushSpec push, Listener listener, AtomicReference<FfmpegJob> self) {
        return new PushProgress(push, listener, reason -> {
            FfmpegJob me = self.get();
            if (me != null && running.remove(push.targetId(), me)) {
                records.forget(push.targetId().toString(), me.handle());
            }
            listener.broke(push, reason);
        });
    }

    /** What the record of a push says it is: its stream, its session (none while armed) and its source. */
    private static Map<String, String> facts(PushSpec push, UUID session) {
        return Map.of(STREAM, push.streamId().toString(), SESSION, Objects.toString(session, "armed"),
                SOURCE, push.slate() ? "slate" : push.sourceUrl());
    }

    /** Pushes still supervised when the service stops (the group departure released the others) stop with it. */
    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}
