package io.fanout.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where a match stands, as {@code catalog-events} carries it. */
public enum MatchStatus {
    SCHEDULED,
    LIVE,
    ENDED,
    CANCELLED,
    POSTPONED,
    @JsonEnumDefaultValue
    UNKNOWN
}
