package io.fanout.catalog.domain;

/** A stream's state as its lifecycle events tell it (ingest-service owns the state machine itself). */
public enum StreamState {
    IDLE,
    LIVE,
    INTERRUPTED,
    ENDED,
    DISABLED
}
