package io.fanout.transcode.domain;

import io.fanout.contracts.transcode.Rung;
import java.util.List;

/**
 * The rendition ladder and the encoder settings each rung gets. One rung for now (360p); the full
 * ladder (one decode, N keyframe-aligned encodes) comes with transcode-service's own issue.
 */
public final class Ladder {

    /** The rungs produced for every live session. */
    public static final List<Rung> DEFAULT = List.of(new Rung("360p", 640, 360, 800, 96));

    private Ladder() {
    }

    /** ffmpeg output options for one rung: H.264 with a keyframe every 2 s at 30 fps, AAC. */
    public static List<String> encoderOptions(Rung rung) {
        return List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-vf", "scale=" + rung.width() + ":" + rung.height(), "-r", "30", "-g", "60", "-keyint_min", "60",
                "-sc_threshold", "0", "-b:v", rung.videoBitrateKbps() + "k", "-maxrate", rung.videoBitrateKbps() + "k",
                "-bufsize", 2 * rung.videoBitrateKbps() + "k",
                "-c:a", "aac", "-b:a", rung.audioBitrateKbps() + "k", "-ar", "48000");
    }

    /** The name a rung of a stream is published under: {@code <streamId>_<rung>}. */
    public static String outputName(String streamId, Rung rung) {
        return streamId + "_" + rung.name();
    }
}
