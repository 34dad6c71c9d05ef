package io.fanout.servicekit.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a file another process appends to, line by line, as {@code tail -f} does: what a detached
 * ffmpeg writes (its progress, its errors) is read from files, so that whichever instance supervises
 * it can read them. Files are looked at every 200 ms, all on one shared thread.
 */
final class FileTail {

    private static final long PERIOD_MILLIS = 200;
    private static final ScheduledExecutorService POLL = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ffmpeg-file-tail");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private final Consumer<String> lines;
    /** Bytes after the last complete line: a line is decoded only once it is whole. */
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;
    private volatile ScheduledFuture<?> polling;

    private FileTail(Path file, Consumer<String> lines, long position) {
        this.file = file;
        this.lines = lines;
        this.position = position;
    }

    /** Follows {@code file} from its start, or from its current end (what was written so far is skipped). */
    static FileTail follow(Path file, boolean fromEnd, Consumer<String> lines) {
        long start = 0;
        try {
            start = fromEnd ? Files.size(file) : 0;
        } catch (NoSuchFileException notYet) {
            // nothing written yet: everything it writes is new
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileTail tail = new FileTail(file, lines, start);
        tail.polling = POLL.scheduleWithFixedDelay(tail::read, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return tail;
    }

    /** Reads what was written since the last look, then stops following. */
    synchronized void drainAndStop() {
        stop();
        read();
        if (partial.size() > 0) {
            lines.accept(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
    }

    /** Stops following without reading further. */
    void stop() {
        ScheduledFuture<?> scheduled = polling;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private synchronized void read() {
        long length;
        try {
            // One stat per look; the file is opened only when it grew (most looks at an error file find nothing).
            length = Files.size(file);
        } catch (IOException notYetOrGone) {
            return;
        }
        if (length < position) {
            position = 0;
        }
        if (length == position) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            in.readFully(bytes);
            position += bytes.length;
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, start, i - start);
                    lines.accept(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(bytes, start, bytes.length - start);
        } catch (IOException e) {
            // not written yet, or gone with its job: nothing to read now
        }
    }
}
