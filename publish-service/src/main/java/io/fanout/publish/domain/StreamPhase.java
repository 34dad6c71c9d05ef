package io.fanout.publish.domain;

/**
 * Where a stream is, as publish-service follows it on {@code stream-lifecycle}: created and not
 * live yet, live in a session (the encoder connected, or gone inside its reconnect window), or its
 * last session ended. A stream that ended goes live again with its next {@code stream.started}.
 */
public enum StreamPhase {
    IDLE,
    LIVE,
    ENDED
}
