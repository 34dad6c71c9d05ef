package io.fanout.catalog.domain;

/** Where one push to a destination stands, as publish-service reports it on {@code push-status}. */
public enum PushState {
    STARTING,
    BROADCASTING,
    RETRYING,
    EXHAUSTED,
    FAILED,
    STOPPED
}
