package io.fanout.catalog.domain;

/** Where one push to a destination stands, as publish-service reports it on {@code push-status}. */
public enum PushState {
    STARTING,
    BROADCASTING,
    /** Media reaches the destination, but its network refuses to make the broadcast live. */
    DEGRADED,
    RETRYING,
    EXHAUSTED,
    FAILED,
    STOPPED
}
