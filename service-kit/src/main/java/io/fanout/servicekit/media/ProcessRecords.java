package io.fanout.servicekit.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The ffmpeg processes a service runs, one small file per job key in a directory: pid and start
 * time, nothing secret. A service killed without its shutdown leaves its ffmpeg children running,
 * and their progress pipe is gone with it, so they cannot be supervised again: the next instance
 * {@link #stopLeftovers stops} every recorded process that is still the same one (same start time,
 * not a reused pid) before it starts its own, so a job never runs twice.
 */
public final class ProcessRecords {

    private static final Logger LOG = Logger.getLogger(ProcessRecords.class);

    private final Path dir;
    private final String what;

    /** {@code what} names the jobs in logs ("push", "ladder"). */
    public ProcessRecords(Path dir, String what) {
        this.dir = dir;
        this.what = what;
    }

    /**
     * Stops the processes an earlier instance recorded and left running: all asked at once
     * (SIGTERM), each killed if it has not ended within 5 s. Every record is forgotten.
     */
    public void stopLeftovers() {
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> records = Files.list(dir)) {
                for (Path record : records.toList()) {
                    leftover(record).ifPresent(process -> {
                        LOG.warnf("stopping the %s of %s left running by an earlier instance (pid %d)", what,
                                record.getFileName(), process.pid());
                        process.destroy();
                        leftovers.add(process);
                    });
                    Files.deleteIfExists(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the " + what + " state directory " + dir, e);
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

    /** Records {@code key}'s running process. */
    public void record(String key, ProcessHandle handle) {
        String started = handle.info().startInstant().map(Instant::toString).orElse("unknown");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key), handle.pid() + " " + started + "\n");
        } catch (IOException e) {
            LOG.warnf("cannot record the %s of %s: %s", what, key, e.getMessage());
        }
    }

    /** {@code key}'s process ended or was stopped. */
    public void forget(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key));
        } catch (IOException e) {
            LOG.warnf("cannot remove the record of the %s of %s: %s", what, key, e.getMessage());
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
}
