package io.fanout.transcode.domain;

/**
 * One configured rung of the ladder: its name, picture height (the width follows the source's
 * aspect ratio), the video bitrate at up to 30 fps and above 30 fps (sport at 50/60 fps needs more
 * bits for the same picture), and the H.264 profile.
 */
public record RungSpec(String name, int height, int kbps30, int kbps60, String profile) {

    public RungSpec {
        if (height <= 0 || height % 2 != 0) {
            throw new IllegalArgumentException("rung " + name + ": the height must be even and positive");
        }
        if (kbps30 <= 0 || kbps60 < kbps30) {
            throw new IllegalArgumentException("rung " + name + ": bitrates must be positive, the 60 fps one at least the 30 fps one");
        }
        if (!H264.PROFILES.contains(profile)) {
            throw new IllegalArgumentException("rung " + name + ": profile must be one of " + H264.PROFILES);
        }
    }

    /** The video bitrate for a source at {@code fps}. */
    public int kbpsAt(double fps) {
        return fps > 30.5 ? kbps60 : kbps30;
    }
}
