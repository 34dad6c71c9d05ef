package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The slate pushes send while their stream is interrupted: a still card ("We'll be right back", or
 * {@code slate-image}) with silence, encoded once into a short H.264 + AAC loop (1280x720, 25 fps,
 * a keyframe every 2 s, 48 kHz stereo) that a push copies in a loop at real time, so a slate costs
 * no more than a live push.
 */
@ApplicationScoped
public class SlateLoop {

    private final PublishConfig config;
    private Path loop;

    public SlateLoop(PublishConfig config) {
        this.config = config;
    }

    /** Encodes the loop in the background at start, so that the first interruption does not wait for it. */
    void prepare(@Observes StartupEvent start) {
        Thread thread = new Thread(this::file, "slate-encode");
        thread.setDaemon(true);
        thread.start();
    }

    /** The loop file, encoded on first use. */
    public synchronized Path file() {
        if (loop == null) {
            loop = encode();
        }
        return loop;
    }

    private Path encode() {
        try {
            Path dir = Files.createDirectories(Files.createTempDirectory("fanout-slate"));
            Path image = config.slateImage().orElse(null);
            if (image == null) {
                image = dir.resolve("slate.png");
                try (InputStream in = SlateLoop.class.getResourceAsStream("/slate/slate.png")) {
                    Files.copy(in, image, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path out = dir.resolve("slate.mp4");
            Process ffmpeg = new ProcessBuilder(List.of(config.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-y", "-loop", "1", "-framerate", "25", "-i", image.toString(),
                    "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "4",
                    "-vf", "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2",
                    "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-pix_fmt", "yuv420p",
                    "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-b:v", "400k",
                    "-c:a", "aac", "-b:a", "64k", "-shortest", out.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("encode.log").toFile()).start();
            if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0 || !Files.isRegularFile(out)) {
                ffmpeg.destroyForcibly();
                throw new IllegalStateException("cannot encode the slate; see " + dir.resolve("encode.log"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the slate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding the slate", e);
        }
    }
}
