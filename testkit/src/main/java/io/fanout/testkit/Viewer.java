package io.fanout.testkit;

import static org.awaitility.Awaitility.await;

import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import io.fanout.local.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A viewer of an RTMP stream that connects before the stream is published (nginx-rtmp lets it wait),
 * records the video it receives unchanged, and ends once no media came for a while: what a
 * destination's first viewer saw, frame for frame.
 */
public final class Viewer implements AutoCloseable {

    private final ManagedProcess ffmpeg;
    private final Path recording;

    private Viewer(ManagedProcess ffmpeg, Path recording) {
        this.ffmpeg = ffmpeg;
        this.recording = recording;
    }

    /** Starts watching {@code rtmpUrl}; the viewer ends after {@code silence} without media. */
    public static Viewer of(String rtmpUrl, Duration silence) {
        Path dir = Paths.fresh("viewer");
        Path recording = dir.resolve("video.flv");
        ManagedProcess ffmpeg = ManagedProcess.start("viewer", List.of(Tools.ffmpeg(), "-hide_banner", "-nostdin",
                "-loglevel", "warning", "-rw_timeout", Long.toString(silence.toNanos() / 1000), "-i", rtmpUrl,
                "-map", "0:v", "-c", "copy", "-f", "flv", recording.toString()), dir.resolve("ffmpeg.log"));
        return new Viewer(ffmpeg, recording);
    }

    /** Waits until the viewer ended (its stream ended, or stayed silent too long). */
    public Viewer awaitEnd(Duration timeout) {
        await("viewer end").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !ffmpeg.isAlive());
        return this;
    }

    /** How many video frames the viewer received (0 when none). */
    public int videoFrames() {
        if (!Files.exists(recording)) {
            return 0;
        }
        try {
            Process probe = new ProcessBuilder(Tools.ffprobe(), "-v", "error", "-select_streams", "v:0", "-count_packets",
                    "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", recording.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            probe.waitFor();
            return out.isEmpty() ? 0 : Integer.parseInt(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot probe " + recording, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + recording, e);
        }
    }

    @Override
    public void close() {
        ffmpeg.kill();
    }
}
