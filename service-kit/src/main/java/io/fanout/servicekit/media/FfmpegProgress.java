package io.fanout.servicekit.media;

import java.time.Duration;

/**
 * Reads ffmpeg's {@code -progress} output line by line, wherever it comes from (a child's pipe, a
 * pod's log): reports the first block with bytes written ({@link FfmpegJob.Listener#flowing}) and
 * every block's byte count ({@link FfmpegJob.Listener#progress}), and knows how long the written
 * bytes have not grown. Progress blocks end with {@code progress=continue|end}; bytes written so far
 * are {@code total_size}, or {@code N/A} for outputs ffmpeg cannot size (a tee muxer writing
 * several), whose growth is then counted in encoded frames.
 */
public final class FfmpegProgress {

    /**
     * One progress block: bytes written, frames encoded, the current frame rate, the encoding speed
     * (x realtime), frames dropped and duplicated so far, and the media time written.
     */
    public record Snapshot(long totalBytes, long frames, double fps, double speed, long droppedFrames,
            long duplicatedFrames, long outTimeMicros) {
    }

    private final FfmpegJob.Listener listener;
    private long bytes;
    private long frames;
    private double fps;
    private double speed;
    private long dropped;
    private long duplicated;
    private long outTimeMicros;
    private boolean flowing;
    private boolean sizeUnknown;
    /** When the output last grew ({@link System#nanoTime}); 0 until it first does. */
    private volatile long lastGrowthNanos;

    public FfmpegProgress(FfmpegJob.Listener listener) {
        this.listener = listener;
    }

    /** One line of ffmpeg's progress output; other lines are ignored. */
    public void accept(String line) {
        if (line.startsWith("total_size=")) {
            String value = line.substring("total_size=".length());
            sizeUnknown = value.startsWith("N/A");
            long total = parseLong(value);
            if (total > bytes) {
                lastGrowthNanos = System.nanoTime();
                bytes = total;
            }
        } else if (line.startsWith("frame=") && sizeUnknown) {
            // Outputs whose size ffmpeg cannot tell (a tee of several) grow by frames instead.
            long framesNow = parseLong(line.substring("frame=".length()));
            if (framesNow > frames) {
                lastGrowthNanos = System.nanoTime();
            }
            frames = framesNow;
        } else if (line.startsWith("progress=") && (bytes > 0 || sizeUnknown && frames > 0)) {
            if (!flowing) {
                flowing = true;
                listener.flowing();
            }
            listener.progress(bytes);
            listener.snapshot(new Snapshot(bytes, frames, fps, speed, dropped, duplicated, outTimeMicros));
        } else {
            readCounters(line);
        }
    }

    private void readCounters(String line) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            return;
        }
        String value = line.substring(equals + 1);
        switch (line.substring(0, equals)) {
            case "frame" -> frames = parseLong(value);
            case "fps" -> fps = parseDouble(value);
            case "speed" -> speed = parseDouble(value.replace("x", ""));
            case "drop_frames" -> dropped = parseLong(value);
            case "dup_frames" -> duplicated = parseLong(value);
            case "out_time_us" -> outTimeMicros = parseLong(value);
            default -> {
                // other keys (bitrate, per-stream quantisers) are not used
            }
        }
    }

    private static double parseDouble(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the output has grown at all. */
    public boolean hasGrown() {
        return lastGrowthNanos != 0;
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
