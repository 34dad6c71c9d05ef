package io.fanout.publish.domain;

/**
 * Where one push (one target, one stream session) is (ARCHITECTURE.md): {@code starting →
 * broadcasting}; {@code broadcasting | starting → retrying → broadcasting}; {@code stopped} when the
 * stream ends. {@code exhausted} and {@code failed} arrive with the retry policy and the network APIs.
 */
public enum PushState {
    STARTING,
    BROADCASTING,
    RETRYING,
    EXHAUSTED,
    FAILED,
    STOPPED;

    public boolean isActive() {
        return this == STARTING || this == BROADCASTING || this == RETRYING;
    }
}
