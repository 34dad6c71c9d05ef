package io.fanout.platform.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A clock in the picture, for glass-to-glass latency: clips carry their frame number as a 16-bit
 * barcode across the top ninth of the picture (16 black or white blocks, lowest bit left), which
 * survives scaling and compression. {@link #read} decodes a stream with ffmpeg down to those 16
 * blocks and notes when each frame number was first seen, so the same frame read at two places
 * (the edge and a player) gives the delay between them.
 */
final class FrameClock {

    static final int BITS = 16;

    private final Map<Integer, Long> seenNanos = new ConcurrentHashMap<>();
    /** {@link System#nanoTime} to the wall clock: a browser on this machine notes frames on the latter. */
    private final long epochMinusNanoTime = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
    private final Process ffmpeg;

    private FrameClock(Process ffmpeg) {
        this.ffmpeg = ffmpeg;
        Thread reader = new Thread(this::readFrames, "frame-clock");
        reader.setDaemon(true);
        reader.start();
    }

    /** The filter graph that paints the barcode over a picture of {@code width}x{@code height} at {@code fps}. */
    static String painter(int width, int height, int fps) {
        return "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ",hue=H=2*PI*t/3[bg];"
                + "nullsrc=size=" + 4 * BITS + "x4:rate=" + fps
                + ",geq=lum='255*mod(floor(N/pow(2\\,floor(X/4)))\\,2)':cb=128:cr=128,"
                + "scale=" + width + ":" + height / 9 + ":flags=neighbor[bar];[bg][bar]overlay=0:0,format=yuv420p";
    }

    /** Starts reading {@code url} (RTMP or an HLS playlist); frames are noted as they are decoded. */
    static FrameClock read(String url, Path log) {
        try {
            return new FrameClock(new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-fflags", "nobuffer",
                    // The cheapest decode that keeps the barcode: one thread (no frame-threading delay), no deblocking.
                    "-threads", "1", "-skip_loop_filter", "all", "-flags2", "+fast", "-i", url, "-map", "0:v:0",
                    "-vf", "crop=iw:ih/9:0:0,scale=" + BITS + ":1:flags=area,format=gray", "-f", "rawvideo", "-")
                    .redirectError(log.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When frame {@code n} was first decoded here ({@link System#nanoTime}), if it was. */
    Long seen(int n) {
        return seenNanos.get(n);
    }

    /** When frame {@code n} was first decoded here, in milliseconds since the epoch, if it was. */
    Double seenEpochMillis(int n) {
        Long nanos = seenNanos.get(n);
        return nanos == null ? null : (nanos + epochMinusNanoTime) / 1e6;
    }

    Map<Integer, Long> all() {
        return Map.copyOf(seenNanos);
    }

    void stop() {
        ffmpeg.destroy();
    }

    private void readFrames() {
        byte[] frame = new byte[BITS];
        try (InputStream in = ffmpeg.getInputStream()) {
            while (in.readNBytes(frame, 0, BITS) == BITS) {
                long now = System.nanoTime();
                int n = 0;
                for (int bit = 0; bit < BITS; bit++) {
                    if ((frame[bit] & 0xff) > 128) {
                        n |= 1 << bit;
                    }
                }
                seenNanos.putIfAbsent(n, now);
            }
        } catch (IOException e) {
            // the reader was stopped
        }
    }
}
