package io.fanout.servicekit.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The ffmpeg jobs ({@link FfmpegJob}) a service runs, one small file per job key in a directory: pid
 * and start time, and what the job is ({@code facts}: its stream, its session), nothing secret;
 * beside it, the job's reports ({@link #reports}). The instance that takes a job over {@link #find
 * finds} it here, running and the same process ({@link ProcessIdentity}: not a reused pid), and the
 * instances of a service on one machine share the directory.
 */
public final class ProcessRecords {

    private static final Logger LOG = Logger.getLogger(ProcessRecords.class);

    /** A recorded job whose process still runs. */
    public record Recorded(String key, ProcessHandle process, Map<String, String> facts) {
    }

    private final Path dir;
    private final String what;

    /** {@code what} names the jobs in logs ("push", "ladder"). */
    public ProcessRecords(Path dir, String what) {
        this.dir = dir;
        this.what = what;
    }

    /** Records {@code key}'s running process with what it is (no line breaks, no secrets). */
    public void record(String key, ProcessHandle handle, Map<String, String> facts) {
        StringBuilder text = new StringBuilder(ProcessIdentity.of(handle) + "\n");
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

    /** Where the job of {@code key} writes its progress and its errors. */
    public FfmpegJob.Reports reports(String key) {
        return new FfmpegJob.Reports(dir.resolve(key + ".progress"), dir.resolve(key + ".errors"));
    }

    /** {@code key}'s recorded job, if its process still runs and is the same one. */
    public Optional<Recorded> find(String key) {
        List<String> lines = lines(key);
        return lines.isEmpty() ? Optional.empty() : ProcessIdentity.running(lines.get(0)).map(process -> new Recorded(key, process,
                facts(lines.subList(1, lines.size()))));
    }

    /** The lines of {@code key}'s record; none when there is no record. */
    private List<String> lines(String key) {
        try {
            return Files.readAllLines(dir.resolve(key));
        } catch (IOException noRecord) {
            return List.of();
        }
    }

    /** The keys of every recorded job, running or not (reports and half-written records are not keys). */
    public List<String> keys() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.contains(".")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops the recorded job's process (SIGTERM, SIGKILL after 5 s), waits for its end, and forgets it. */
    public void stop(Recorded job) {
        job.process().destroy();
        awaitEnd(job.process());
        forget(job.key());
    }

    /**
     * {@code owner}, {@code key}'s job, ended or was stopped: its record and reports go, unless the
     * record already names a successor. The end of a process this JVM did not start is seen up to
     * seconds late (the JDK polls it), after the job may have been started again under the same key.
     */
    public void forget(String key, ProcessHandle owner) {
        List<String> lines = lines(key);
        if (lines.isEmpty() || ProcessIdentity.pid(lines.get(0)) == owner.pid()) {
            forget(key);
        }
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

    /** The facts of a record: its {@code name=value} lines. */
    private static Map<String, String> facts(List<String> lines) {
        Map<String, String> facts = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                facts.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return facts;
    }
}
