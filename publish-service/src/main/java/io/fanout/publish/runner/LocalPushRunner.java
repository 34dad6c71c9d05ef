package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import io.fanout.servicekit.media.FfmpegJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs each push as a local {@code ffmpeg -c copy} child process ({@link FfmpegJob}): broadcasting
 * is ffmpeg's own report of bytes written to the destination, and {@code -rw_timeout} makes a silent
 * source or destination end the process instead of hanging forever. A destination that stops
 * reading without closing is noticed from the progress: no bytes written for {@code stall-timeout}
 * (a bounded socket send buffer keeps that from being hidden for long).
 *
 * <p>Each running push is recorded in {@code runner-state-dir} (pid and start time, never the key).
 * A service killed without its shutdown leaves its ffmpeg children running, and their progress pipe
 * is gone with it, so they cannot be supervised again: the next instance stops every recorded push
 * that is still the same process before it starts any push, and its reconciliation starts them anew.
 * There is a gap of a few seconds at the destinations, and never two pushes to one key. Every push still running when
 * the service stops is stopped with it.
 */
@ApplicationScoped
@Typed(LocalPushRunner.class)
public class LocalPushRunner implements PushRunner {

    private static final Logger LOG = Logger.getLogger(LocalPushRunner.class);

    private final Map<UUID, FfmpegJob> running = new ConcurrentHashMap<>();
    private final PublishConfig config;
    private final SlateLoop slate;
    private final Path stateDir;

    public LocalPushRunner(PublishConfig config, SlateLoop slate) {
        this.config = config;
        this.slate = slate;
        this.stateDir = config.runnerStateDir()
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "fanout-publish-pushes"));
        stopLeftovers();
    }

    /**
     * Stops the pushes an earlier instance recorded and left running (it was killed, not stopped):
     * all asked at once (SIGTERM), each killed if it has not ended within 5 s.
     */
    private void stopLeftovers() {
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            Files.createDirectories(stateDir);
            try (Stream<Path> records = Files.list(stateDir)) {
                for (Path record : records.toList()) {
                    leftover(record).ifPresent(process -> {
                        LOG.warnf("stopping push of target %s left running by an earlier instance (pid %d)",
                                record.getFileName(), process.pid());
                        process.destroy();
                        leftovers.add(process);
                    });
                    Files.deleteIfExists(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the push state directory " + stateDir, e);
        }
        for (ProcessHandle process : leftovers) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
    }

    /** The recorded process, if it still runs and is the same one (same start time, not a reused pid). */
    private static Optional<ProcessHandle> leftover(Path record) throws IOException {
        String[] fields = Files.readString(record).trim().split(" ");
        if (fields.length < 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Instant started = Instant.parse(fields[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(started::equals).orElse(false));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void record(UUID targetId, FfmpegJob job) {
        ProcessHandle handle = job.handle();
        String started = handle.info().startInstant().map(Instant::toString).orElse("unknown");
        try {
            Files.writeString(stateDir.resolve(targetId.toString()), handle.pid() + " " + started + "\n");
        } catch (IOException e) {
            LOG.warnf("cannot record push of target %s: %s", targetId, e.getMessage());
        }
    }

    private void unrecord(UUID targetId) {
        try {
            Files.deleteIfExists(stateDir.resolve(targetId.toString()));
        } catch (IOException e) {
            LOG.warnf("cannot remove the record of push of target %s: %s", targetId, e.getMessage());
        }
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
            FfmpegJob job = FfmpegJob.start(config.ffmpeg(), arguments, push.toString(), push.secret(),
                    config.stallTimeout(), new PushProgress(push, listener, reason -> {
                        FfmpegJob me = self.get();
                        if (me != null && running.remove(push.targetId(), me)) {
                            unrecord(push.targetId());
                        }
                        listener.broke(push, reason);
                    }));
            self.set(job);
            running.put(push.targetId(), job);
            record(push.targetId(), job);
            return true;
        } catch (IOException e) {
            listener.broke(push, "cannot start ffmpeg: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void stop(UUID targetId) {
        FfmpegJob job = running.remove(targetId);
        if (job != null) {
            job.stop();
            unrecord(targetId);
        }
    }

    @Override
    public boolean isRunning(UUID targetId) {
        FfmpegJob job = running.get(targetId);
        return job != null && job.isAlive();
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}
