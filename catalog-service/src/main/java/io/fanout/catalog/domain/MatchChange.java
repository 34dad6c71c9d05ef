package io.fanout.catalog.domain;

/** What a change did to a match; each is one event on {@code catalog-events}. */
public enum MatchChange {
    /** The match entered the catalog. */
    SCHEDULED,
    /** Its fields, status (postponed, scheduled again), stream or plan changed. */
    UPDATED,
    LIVE,
    ENDED,
    CANCELLED,
    /** Still not live a grace period after its scheduled start. */
    LATE
}
