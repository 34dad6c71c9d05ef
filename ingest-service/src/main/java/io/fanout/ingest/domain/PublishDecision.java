package io.fanout.ingest.domain;

/** The answer to an edge's on_publish, with the reason kept for metrics and logs (never the key). */
public enum PublishDecision {
    /** A new session starts. */
    ACCEPT,
    /** The encoder is back inside the reconnect window: the interrupted session goes on. */
    RESUME,
    REFUSE_UNKNOWN_KEY,
    /** Not a publish to the ingest application, or without a stream key. */
    REFUSE_MALFORMED,
    REFUSE_DISABLED,
    REFUSE_ALREADY_LIVE,
    /** Too many unknown keys from the publisher's address in the last minute; not even looked up. */
    REFUSE_RATE_LIMITED;

    public boolean accepted() {
        return this == ACCEPT || this == RESUME;
    }
}
