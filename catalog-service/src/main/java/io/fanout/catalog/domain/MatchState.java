package io.fanout.catalog.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a match stands. A match is scheduled, may be postponed (and scheduled again), goes live
 * when its stream does and ends when its stream ends; it can be cancelled until it goes live. Ended
 * and cancelled are final.
 */
public enum MatchState {
    SCHEDULED,
    LIVE,
    ENDED,
    CANCELLED,
    POSTPONED;

    private final String code = name().toLowerCase(Locale.ROOT);

    private static final Map<MatchState, Set<MatchState>> NEXT = Map.of(
            SCHEDULED, EnumSet.of(LIVE, CANCELLED, POSTPONED),
            POSTPONED, EnumSet.of(SCHEDULED, CANCELLED),
            LIVE, EnumSet.of(ENDED),
            ENDED, EnumSet.noneOf(MatchState.class),
            CANCELLED, EnumSet.noneOf(MatchState.class));

    public boolean canBecome(MatchState next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether nothing can change its status any more. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for a name that is no state */
    public static MatchState of(String code) {
        for (MatchState state : values()) {
            if (state.name().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown status " + Sport.quoted(code)
                + " (one of scheduled, live, ended, cancelled, postponed)");
    }
}
