package io.fanout.contracts.push;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A destination's documented limit that a live stream can break. */
public enum PreflightCheck {
    /** Keyframes further apart than the network accepts (Twitch: 2 s; YouTube, Facebook: 4 s). */
    KEYFRAME_INTERVAL,
    /** The network accepts RTMPS only (Facebook). */
    RTMPS_REQUIRED,
    /** The session is live longer than the network keeps a broadcast (Facebook: 8 h, Twitch: 48 h). */
    DURATION_CAP,
    /**
     * The picture is taller than the destination takes (Facebook, Twitch: 1080 lines; or the
     * destination's own {@code maxVideoHeight}) and no rendition that fits is ready to be sent instead.
     */
    PICTURE_SIZE,
    @JsonEnumDefaultValue
    UNKNOWN
}
