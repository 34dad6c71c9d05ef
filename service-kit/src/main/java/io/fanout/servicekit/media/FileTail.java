package io.fanout.servicekit.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private final StringBuilder partial = new StringBuilder();
    private long position;
    private ScheduledFuture<?> polling;

    private FileTail(Path file, Consumer<String> lines, long position) {
        this.file = file;
        this.lines = lines;
        this.position = position;
    }

    /** Follows {@code file} from its start, or from its current end (what was written so far is skipped). */
    static FileTail follow(Path file, boolean fromEnd, Consumer<String> lines) {
        long start = 0;
        try {
            start = fromEnd && Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileTail tail = new FileTail(file, lines, start);
        synchronized (tail) {
            tail.polling = POLL.scheduleWithFixedDelay(tail::read, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        return tail;
    }

    /** Reads what was written since the last look, then stops following. */
    synchronized void drainAndStop() {
        stop();
        read();
        if (!partial.isEmpty()) {
            lines.accept(partial.toString());
            partial.setLength(0);
        }
    }

    /** Stops following without reading further. */
    synchronized void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    private synchronized void read() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < position) {
                position = 0;
            }
            if (length == position) {
                return;
            }
            in.seek(position);
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            in.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.accept(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        } catch (IOException e) {
            // the file went away with its job; nothing more to read
        }
    }
}
