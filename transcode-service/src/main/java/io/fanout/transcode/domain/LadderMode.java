package io.fanout.transcode.domain;

import java.util.Locale;

/** Which ladder a stream gets: the full one, only its own picture passed through, or none. */
public enum LadderMode {
    /** Every configured rung at or below the source's height; the source passed through as the top rung when it fits. */
    STANDARD,
    /** Only the source, passed through untouched (H.264 only): no encode at all. */
    PASSTHROUGH_ONLY,
    /** No ladder: no player, no relays. */
    NONE;

    /** The setting's spelling ({@code standard}, {@code passthrough-only}, {@code none}). */
    public String setting() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a setting; null or blank means {@code fallback}. */
    public static LadderMode of(String setting, LadderMode fallback) {
        if (setting == null || setting.isBlank()) {
            return fallback;
        }
        for (LadderMode mode : values()) {
            if (mode.setting().equals(setting.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown ladder '" + setting + "' (standard, passthrough-only, none)");
    }
}
