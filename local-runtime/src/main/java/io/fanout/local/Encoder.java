package io.fanout.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic live encoder: ffmpeg publishing a test pattern and a tone as H.264 + AAC over RTMP,
 * in real time, as OBS or a hardware encoder would. Size, frame rate, keyframe interval and
 * bitrate are set per test; stop closes the connection cleanly, kill drops it without a close.
 */
public final class Encoder {

    private final String url;
    private final int width;
    private final int height;
    private final int fps;
    private final int gopFrames;
    private final int videoKbps;
    private final boolean audio;
    private final int frames;
    private ManagedProcess ffmpeg;

    private Encoder(Builder builder) {
        this.url = builder.url;
        this.width = builder.width;
        this.height = builder.height;
        this.fps = builder.fps;
        this.gopFrames = builder.gopFrames;
        this.videoKbps = builder.videoKbps;
        this.audio = builder.audio;
        this.frames = builder.frames;
    }

    /** An encoder that will publish to {@code rtmpUrl} (application and stream key included). */
    public static Builder to(String rtmpUrl) {
        return new Builder(rtmpUrl);
    }

    public synchronized Encoder start() {
        if (isRunning()) {
            return this;
        }
        ffmpeg = ManagedProcess.start("ffmpeg encoder", command(), Paths.fresh("encoder").resolve("ffmpeg.log"));
        return this;
    }

    public synchronized boolean isRunning() {
        return ffmpeg != null && ffmpeg.isAlive();
    }

    /** Ends the publish cleanly (SIGTERM: ffmpeg closes the RTMP session). */
    public synchronized void stop() {
        if (ffmpeg != null) {
            ffmpeg.stop(10);
        }
    }

    /** SIGKILL: the edge sees the connection vanish without a close. */
    public synchronized void kill() {
        if (ffmpeg != null) {
            ffmpeg.kill();
        }
    }

    /**
     * SIGSTOP: the encoder stops sending but its connection stays open, as when its network
     * vanishes without a FIN. {@link #kill()} still ends it.
     */
    public synchronized void freeze() {
        if (ffmpeg != null) {
            ffmpeg.signal("STOP");
        }
    }

    /** Waits until ffmpeg has exited by itself, as it does when the edge refuses or drops it. */
    public void awaitExit(Duration timeout) {
        await("encoder exit").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !isRunning());
    }

    public String logTail(int lines) {
        return ffmpeg == null ? "" : ffmpeg.logTail(lines);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps));
        if (audio) {
            command.addAll(List.of("-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", Integer.toString(gopFrames), "-keyint_min", Integer.toString(gopFrames), "-sc_threshold", "0",
                "-b:v", videoKbps + "k", "-maxrate", videoKbps + "k", "-bufsize", 2 * videoKbps + "k"));
        if (audio) {
            command.addAll(List.of("-c:a", "aac", "-b:a", "96k", "-ar", "48000"));
        }
        if (frames > 0) {
            command.addAll(List.of("-frames:v", Integer.toString(frames), "-shortest"));
        }
        command.addAll(List.of("-f", "flv", url));
        return command;
    }

    /** Settings of an encoder before it starts; defaults: 640x360, 30 fps, keyframe every 2 s, 800 kb/s. */
    public static final class Builder {
        private final String url;
        private int width = 640;
        private int height = 360;
        private int fps = 30;
        private int gopFrames = 60;
        private int videoKbps = 800;
        private boolean audio = true;
        private int frames;

        private Builder(String url) {
            this.url = url;
        }

        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder fps(int fps) {
            this.fps = fps;
            return this;
        }

        /** Keyframe interval in frames (at 30 fps, 60 is a keyframe every 2 s). */
        public Builder gopFrames(int gopFrames) {
            this.gopFrames = gopFrames;
            return this;
        }

        public Builder videoKbps(int videoKbps) {
            this.videoKbps = videoKbps;
            return this;
        }

        public Builder audio(boolean audio) {
            this.audio = audio;
            return this;
        }

        /** Ends the publish (cleanly) after this many video frames; 0, the default: runs until stopped. */
        public Builder frames(int frames) {
            this.frames = frames;
            return this;
        }

        public Encoder build() {
            return new Encoder(this);
        }

        public Encoder start() {
            return build().start();
        }
    }
}
