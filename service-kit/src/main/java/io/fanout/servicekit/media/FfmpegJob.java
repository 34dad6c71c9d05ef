package io.fanout.servicekit.media;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One supervised ffmpeg process, as pushes and rendition encodes run them, detached from the JVM that
 * starts it: its progress ({@code -progress <file>}) and its errors go to files ({@link Reports}),
 * which whoever supervises it follows ({@link FileTail}), so that it outlives its service: {@link
 * #release} stops supervising it, and another instance (or the same one restarted) {@link #adopt
 * adopts} it. It reports the first moment bytes were really written ({@link Listener#flowing}), not
 * the process start; it reports an exit nobody asked for ({@link Listener#ended}) with ffmpeg's last
 * error line. With a stall timeout, a job whose output stopped
 * growing for that long after it began flowing is killed and reported ended as stalled: a peer
 * that stops reading without closing (a frozen server) keeps ffmpeg's writes blocked, or
 * swallowed by socket buffers, long after {@code -rw_timeout} would notice. A secret in the arguments (a destination key) is
 * replaced by {@code ***} in everything logged, and the command line itself is never logged.
 */
public final class FfmpegJob {

    /** What a job tells its owner. Called from the job's own threads. */
    public interface Listener {
        /** Bytes reached the output. Called once. */
        void flowing();

        /** Bytes written to the output so far, at every progress report (about once a second). */
        default void progress(long totalBytes) {
        }

        /** Everything a progress report says (frames, speed, drops), at every report. */
        default void snapshot(FfmpegProgress.Snapshot snapshot) {
        }

        /** The process ended without {@link #stop()}; {@code reason} has secrets redacted. */
        void ended(String reason);
    }

    private static final Logger LOG = Logger.getLogger(FfmpegJob.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ffmpeg-stall-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final String label;
    private final ProcessHandle process;
    /** The process as this JVM started it (its exit status is known); null for an adopted one. */
    private final Process child;
    private final String secret;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<String> stallReason = new AtomicReference<>();
    private final List<Runnable> unwatch = new CopyOnWriteArrayList<>();
    private volatile FfmpegProgress progress;

    private FfmpegJob(String label, ProcessHandle process, Process child, String secret) {
        this.label = label;
        this.process = process;
        this.child = child;
        this.secret = secret;
    }

    /** Where a job writes its progress and its errors, for whichever instance supervises it. */
    public record Reports(Path progress, Path errors) {
    }

    /**
     * Starts {@code ffmpeg} with {@code arguments} (everything after the binary; progress reporting is
     * added here), its progress and errors going to {@code files}. {@code label} names the job in logs
     * (a stream or target id, never a secret). Once bytes flow, a job whose output does not grow for
     * {@code stallTimeout} (null: never) is killed and reported ended; a job whose output has not
     * grown at all within {@code startTimeout} of its start (null: it may wait for ever) too: {@code
     * -rw_timeout} cannot tell that a source never comes, since an edge that keeps readers of an
     * unpublished stream waiting pings them and every ping counts as data read.
     *
     * @throws IOException when the binary cannot be started
     */
    public static FfmpegJob start(String ffmpeg, List<String> arguments, String label, String secret,
            Duration stallTimeout, Duration startTimeout, Reports files, Listener listener) throws IOException {
        Files.createDirectories(files.progress().getParent());
        Files.deleteIfExists(files.progress());
        Files.deleteIfExists(files.errors());
        List<String> command = new ArrayList<>(List.of(ffmpeg));
        command.addAll(reporting(files.progress().toString(), arguments));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(files.errors().toFile())).start();
        FfmpegJob job = new FfmpegJob(label, process.toHandle(), process, secret);
        job.follow(files, false, listener, stallTimeout, startTimeout);
        LOG.infof("%s: ffmpeg started (pid %d)", label, process.pid());
        return job;
    }

    /**
     * Supervises a job another instance started ({@link #start}) from now on: its
     * progress is read from where its files stand, and a job whose output does not grow within
     * {@code stallTimeout} is killed and reported ended, as a stalled one is.
     */
    public static FfmpegJob adopt(ProcessHandle process, Reports files, String label, String secret, Duration stallTimeout,
            Listener listener) {
        FfmpegJob job = new FfmpegJob(label, process, null, secret);
        job.follow(files, true, listener, stallTimeout, stallTimeout);
        LOG.infof("%s: ffmpeg adopted (pid %d)", label, process.pid());
        return job;
    }

    /**
     * ffmpeg's arguments with its progress reporting first, once a second to {@code progressTarget}
     * (a file, or {@code pipe:1} for a pod, whose standard output is its log), and only errors logged.
     */
    static List<String> reporting(String progressTarget, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error",
                "-progress", progressTarget, "-stats_period", "1"));
        all.addAll(arguments);
        return all;
    }

    private void follow(Reports files, boolean fromEnd, Listener listener, Duration stallTimeout, Duration startTimeout) {
        ErrorLines errors = new ErrorLines();
        progress = new FfmpegProgress(listener);
        FileTail progressTail = FileTail.follow(files.progress(), fromEnd, progress::accept);
        FileTail errorTail = FileTail.follow(files.errors(), fromEnd, errorLine(errors));
        unwatch.add(progressTail::stop);
        unwatch.add(errorTail::stop);
        watch(listener, stallTimeout, startTimeout, () -> {
            progressTail.drainAndStop();
            errorTail.drainAndStop();
            return errors.reason();
        });
    }

    /** Watches for stalls and for the end; {@code reason} tells, once the process has ended, why it did. */
    private void watch(Listener listener, Duration stallTimeout, Duration startTimeout, Supplier<String> reason) {
        ScheduledFuture<?> watchdog = stallTimeout == null ? null
                : WATCHDOG.scheduleWithFixedDelay(() -> killIfStalled(stallTimeout), 1, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> startWatch = startTimeout == null ? null
                : WATCHDOG.schedule(() -> killIfSilent(startTimeout), startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Runnable cancel = () -> {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (startWatch != null) {
                startWatch.cancel(false);
            }
        };
        unwatch.add(cancel);
        (child != null ? child.onExit().thenApply(Process::toHandle) : process.onExit()).thenRun(() -> {
            cancel.run();
            if (!stopRequested.get()) {
                String stalled = stallReason.get();
                String why = reason.get();
                listener.ended(stalled != null ? stalled
                        : why + (child != null ? " (exit " + child.exitValue() + ")" : ""));
            }
        });
    }

    private Consumer<String> errorLine(ErrorLines errors) {
        return line -> {
            String safe = redact(line);
            errors.add(safe);
            LOG.warnf("%s: %s", label, safe);
        };
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's handle of the process (its pid and start time identify it). */
    public ProcessHandle handle() {
        return process;
    }

    /** Asks ffmpeg to finish (SIGTERM), kills it if it has not within 5 s, and waits. */
    public void stop() {
        stopRequested.set(true);
        process.destroy();
        ProcessRecords.awaitEnd(process);
        LOG.infof("%s: ffmpeg stopped", label);
    }

    /**
     * Stops supervising the job without stopping it: its end is no longer reported here, and
     * the instance that adopts it supervises it from then on.
     */
    public void release() {
        stopRequested.set(true);
        unwatch.forEach(Runnable::run);
        LOG.infof("%s: ffmpeg released (pid %d runs on)", label, process.pid());
    }

    private void killIfSilent(Duration startTimeout) {
        if (process.isAlive() && !progress.hasGrown()
                && stallReason.compareAndSet(null, "no media within " + startTimeout.toSeconds() + " s of the start")) {
            LOG.warnf("%s: nothing written within %d s, killing ffmpeg", label, startTimeout.toSeconds());
            process.destroyForcibly();
        }
    }

    private void killIfStalled(Duration stallTimeout) {
        if (!process.isAlive() || !progress.stalledFor(stallTimeout)) {
            return;
        }
        if (stallReason.compareAndSet(null, "stalled: no bytes written for " + stallTimeout.toSeconds() + " s")) {
            LOG.warnf("%s: output stalled for %d s, killing ffmpeg", label, stallTimeout.toSeconds());
            process.destroyForcibly();
        }
    }

    private String redact(String text) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }

    /**
     * The last few lines ffmpeg wrote to stderr, the reason it ended: its final line is usually the
     * generic consequence ({@code <url>: Input/output error}) and the lines before it the cause (a
     * protocol's {@code [tls @ 0x..] Peer certificate failed verification}). Protocol prefixes are
     * shortened to {@code tls: ...}.
     */
    private static final class ErrorLines {
        private static final int KEPT = 3;
        private final ArrayDeque<String> lines = new ArrayDeque<>();

        synchronized void add(String line) {
            String shortened = line.replaceFirst("^\\[([\\w-]+) @ 0x[0-9a-f]+\\] ", "$1: ").trim();
            if (shortened.isEmpty() || shortened.startsWith("Last message repeated") || shortened.equals(lines.peekLast())) {
                return;
            }
            lines.addLast(shortened);
            if (lines.size() > KEPT) {
                lines.removeFirst();
            }
        }

        synchronized String reason() {
            return lines.isEmpty() ? "ffmpeg exited" : String.join("; ", lines);
        }
    }
}
