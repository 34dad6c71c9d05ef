package io.fanout.transcode.domain;

/**
 * What the live source carries, as probed when its ladder starts: the video codec, picture size,
 * frame rate, bitrate (0 when the encoder did not declare it), H.264 profile and level, and the
 * audio codec (null when there is no audio) and bitrate (0 when not declared).
 */
public record SourceMedia(String videoCodec, int width, int height, double fps, int videoKbps, String profile, int level,
        String audioCodec, int audioKbps) {

    public boolean isH264() {
        return "h264".equals(videoCodec);
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }

    /** AAC audio is copied into every rung as it is (the same samples, the same timestamps). */
    public boolean audioIsAac() {
        return "aac".equals(audioCodec);
    }
}
