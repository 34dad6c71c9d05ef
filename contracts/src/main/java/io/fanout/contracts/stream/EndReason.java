package io.fanout.contracts.stream;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a stream session ended. Consumers read values they do not know as {@link #UNKNOWN}. */
public enum EndReason {
    /** The encoder disconnected and the reconnect window (possibly 0 s) expired. */
    RECONNECT_WINDOW_EXPIRED,
    /** The partner ended the stream through the API. */
    COMPLETED,
    /** The session reached the stream's maximum continuous duration. */
    MAX_DURATION_REACHED,
    /** The stream was disabled while live. */
    DISABLED,
    /** The stream was deleted while live. */
    DELETED,
    @JsonEnumDefaultValue
    UNKNOWN
}
