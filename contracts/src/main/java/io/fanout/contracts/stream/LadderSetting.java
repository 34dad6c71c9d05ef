package io.fanout.contracts.stream;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Which ladder a stream's sessions get from transcode-service. Consumers read values they do not
 * know as {@link #STANDARD}.
 */
public enum LadderSetting {
    /** Every configured rung at or below the source's height, the source passed through when it fits. */
    @JsonEnumDefaultValue
    STANDARD,
    /** Only the source, passed through untouched (H.264 sources): no encoding at all. */
    PASSTHROUGH_ONLY,
    /** No ladder: no player, no rendition relays, no recording. */
    NONE
}
