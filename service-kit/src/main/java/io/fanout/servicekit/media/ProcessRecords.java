package io.fanout.servicekit.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The ffmpeg processes a service runs, one small file per job key in a directory: pid and start
 * time, and what the job is ({@code facts}: its stream, its session), nothing secret. A job whose
 * reports go through a pipe cannot be supervised again once its service is gone: the next instance
 * {@link #stopLeftovers stops} every recorded process that is still the same one (same start time,
 * not a reused pid) before it starts its own, so a job never runs twice. A detached job
 * ({@link FfmpegJob#startDetached}) can: the instance that takes it over {@link #find finds} it here,
 * and its reports beside the record ({@link #reports}).
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
                for (Path record : records.filter(p -> !p.getFileName().toString().contains(".")).toList()) {
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
        leftovers.forEach(ProcessRecords::awaitEnd);
    }

    /** Waits 5 s for a process asked to end (SIGTERM), then kills it and waits 5 s more. */
    static void awaitEnd(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                LOG.warnf("process %d did not end after SIGKILL", process.pid());
            }
        }
    }

    /** A recorded job whose process still runs. */
    public record Recorded(String key, ProcessHandle process, Map<String, String> facts) {
    }

    /** Records {@code key}'s running process. */
    public void record(String key, ProcessHandle handle) {
        record(key, handle, Map.of());
    }

    /** Records {@code key}'s running process with what it is (no line breaks, no secrets). */
    public void record(String key, ProcessHandle handle, Map<String, String> facts) {
        String started = handle.info().startInstant().map(Instant::toString).orElse("unknown");
        StringBuilder text = new StringBuilder(handle.pid() + " " + started + "\n");
        new TreeMap<>(facts).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(dir);
            Path temporary = dir.resolve("." + key + ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("cannot record the %s of %s: %s", what, key, e.getMessage());
        }
    }

    /** Where a detached job of {@code key} writes its progress and its errors. */
    public FfmpegJob.Reports reports(String key) {
        return new FfmpegJob.Reports(dir.resolve(key + ".progress"), dir.resolve(key + ".errors"));
    }

    /** {@code key}'s recorded job, if its process still runs and is the same one. */
    public Optional<Recorded> find(String key) {
        Path record = dir.resolve(key);
        try {
            if (!Files.isRegularFile(record)) {
                return Optional.empty();
            }
            Map<String, String> facts = facts(record);
            return leftover(record).map(process -> new Recorded(key, process, facts));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The keys of every recorded job, running or not. */
    public List<String> keys() {
        try (Stream<Path> records = Files.list(dir)) {
            return records.map(p -> p.getFileName().toString()).filter(name -> !name.contains(".")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Stops {@code key}'s recorded process if it still runs (SIGTERM, SIGKILL after 5 s), waits for
     * its end, and forgets it.
     */
    public void stop(String key) {
        find(key).ifPresent(found -> {
            found.process().destroy();
            awaitEnd(found.process());
        });
        forget(key);
    }

    /** {@code key}'s process ended or was stopped: its record and its reports go. */
    public void forget(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key));
            FfmpegJob.Reports reports = reports(key);
            Files.deleteIfExists(reports.progress());
            Files.deleteIfExists(reports.errors());
        } catch (IOException e) {
            LOG.warnf("cannot remove the record of the %s of %s: %s", what, key, e.getMessage());
        }
    }

    private static Map<String, String> facts(Path record) throws IOException {
        Map<String, String> facts = new HashMap<>();
        List<String> lines = Files.readAllLines(record);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                facts.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return facts;
    }

    /** The recorded process, if it still runs and is the same one (same start time, not a reused pid). */
    private static Optional<ProcessHandle> leftover(Path record) throws IOException {
        String[] fields = Files.readAllLines(record).stream().findFirst().orElse("").trim().split(" ");
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
