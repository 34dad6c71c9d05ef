package io.fanout.contracts.push;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a push was stopped on purpose. */
public enum StopReason {
    STREAM_ENDED,
    TARGET_DISABLED,
    TARGET_REMOVED,
    @JsonEnumDefaultValue
    UNKNOWN
}
