package io.fanout.servicekit.media;

import java.time.Duration;

/**
 * Reads ffmpeg's {@code -progress} output line by line, wherever it comes from (a child's pipe, a
 * pod's log): reports the first block with bytes written ({@link FfmpegJob.Listener#flowing}) and
 * every block's byte count ({@link FfmpegJob.Listener#progress}), and knows how long the written
 * bytes have not grown. Progress blocks end with {@code progress=continue|end}; bytes written so far
 * are {@code total_size}.
 */
public final class FfmpegProgress {

    private final FfmpegJob.Listener listener;
    private long bytes;
    private boolean flowing;
    /** When the output last grew ({@link System#nanoTime}); 0 until it first does. */
    private volatile long lastGrowthNanos;

    public FfmpegProgress(FfmpegJob.Listener listener) {
        this.listener = listener;
    }

    /** One line of ffmpeg's progress output; other lines are ignored. */
    public void accept(String line) {
        if (line.startsWith("total_size=")) {
            long total = parseLong(line.substring("total_size=".length()));
            if (total > bytes) {
                lastGrowthNanos = System.nanoTime();
                bytes = total;
            }
        } else if (line.startsWith("progress=") && bytes > 0) {
            if (!flowing) {
                flowing = true;
                listener.flowing();
            }
            listener.progress(bytes);
        }
    }

    /** Whether bytes flowed once and then did not grow for {@code timeout}. */
    public boolean stalledFor(Duration timeout) {
        long last = lastGrowthNanos;
        return last != 0 && System.nanoTime() - last >= timeout.toNanos();
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
