package io.fanout.contracts.stream;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A way in which a live ingest falls outside what destinations accept. */
public enum HealthWarning {
    /** Keyframes are further apart than 4 s (most networks require 2 to 4 s). */
    KEYFRAME_INTERVAL_TOO_LONG,
    /** The measured bitrate is far from the bitrate the encoder declared. */
    BITRATE_OFF_DECLARED,
    /** No audio track: several networks refuse or mute such streams. */
    NO_AUDIO,
    /** No video track: networks refuse a stream without a picture. */
    NO_VIDEO,
    @JsonEnumDefaultValue
    UNKNOWN
}
