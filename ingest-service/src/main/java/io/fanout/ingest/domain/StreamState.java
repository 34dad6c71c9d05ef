package io.fanout.ingest.domain;

/**
 * Where a stream is in its life (docs/design.md): {@code idle → live → interrupted → live | ended},
 * {@code idle | ended → live} on the next publish, any → {@code disabled}. An encoder that leaves a
 * live stream interrupts it for the stream's reconnect window; publishing again inside the window
 * resumes the same session.
 */
public enum StreamState {
    IDLE,
    LIVE,
    INTERRUPTED,
    ENDED,
    DISABLED;

    /** Whether a new publish may start a session now; a live stream keeps its first publisher. */
    public PublishDecision decidePublish() {
        return switch (this) {
            case IDLE, ENDED -> PublishDecision.ACCEPT;
            case INTERRUPTED -> PublishDecision.RESUME;
            case LIVE -> PublishDecision.REFUSE_ALREADY_LIVE;
            case DISABLED -> PublishDecision.REFUSE_DISABLED;
        };
    }
}
