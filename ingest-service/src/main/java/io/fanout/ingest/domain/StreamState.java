package io.fanout.ingest.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a stream is in its life, and where it may go from there ({@link #TRANSITIONS}, the only table
 * of them):
 *
 * <pre>
 * idle         → live            the encoder publishes with the stream's key
 * live         → interrupted     the encoder left, and the stream has a reconnect window
 * interrupted  → live            the encoder is back inside the window (the same session)
 * live,
 * interrupted  → ended           the session ended (window expired, completed, maximum duration, ...)
 * ended        → live            the next publish starts a new session
 * any but
 * disabled     → disabled        the partner disabled the stream (a running session ends first)
 * disabled     → idle            the partner enabled it again
 * </pre>
 */
public enum StreamState {
    IDLE,
    LIVE,
    INTERRUPTED,
    ENDED,
    DISABLED;

    /** Every allowed transition, by the state it leaves. */
    private static final Map<StreamState, Set<StreamState>> TRANSITIONS = new EnumMap<>(Map.of(
            IDLE, EnumSet.of(LIVE, DISABLED),
            LIVE, EnumSet.of(INTERRUPTED, ENDED, DISABLED),
            INTERRUPTED, EnumSet.of(LIVE, ENDED, DISABLED),
            ENDED, EnumSet.of(LIVE, DISABLED),
            DISABLED, EnumSet.of(IDLE)));

    /** Whether a stream may go from {@code from} to {@code to}. */
    public static boolean allows(StreamState from, StreamState to) {
        return TRANSITIONS.get(from).contains(to);
    }

    /** {@code to}, if a stream may go there from {@code from}; an {@link IllegalStateException} if not. */
    public static StreamState move(StreamState from, StreamState to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("a stream cannot go from " + from + " to " + to);
        }
        return to;
    }

    /** Whether the stream has a running session (its encoder connected, or inside its reconnect window). */
    public boolean inSession() {
        return this == LIVE || this == INTERRUPTED;
    }

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
