package io.fanout.publish.domain;

/**
 * Where one push (one target, one stream session) is (docs/design.md): {@code starting →
 * broadcasting}; {@code broadcasting | starting → retrying → broadcasting | exhausted} under the
 * retry policy ({@code exhausted → retrying} on "retry now"); {@code failed} for what no retry fixes;
 * {@code stopped} when the stream ends.
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
