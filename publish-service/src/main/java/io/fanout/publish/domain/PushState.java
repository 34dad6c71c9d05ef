package io.fanout.publish.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one push (one target, one stream session) is, and where it may go from there
 * ({@link #TRANSITIONS}, the only table of them):
 *
 * <pre>
 * (none)       → starting                     the session starts, or a target is added or enabled live
 * starting     → broadcasting                 media reached the destination
 * broadcasting → degraded                     media flows, but the network refuses to make its broadcast live
 * starting,
 * broadcasting,
 * degraded,
 * retrying     → retrying | exhausted         it broke: the retry policy's next attempt, or none left
 *              → failed                       what no retry fixes (refused credentials, untrusted peer)
 *              → stopped                      the stream ended, the target was disabled or removed
 * retrying     → broadcasting                 an attempt got media through
 * exhausted    → retrying                     "retry now"
 * exhausted,
 * failed,
 * stopped      → starting                     the target is enabled (or planned) again in the live session
 * </pre>
 */
public enum PushState {
    STARTING,
    BROADCASTING,
    DEGRADED,
    RETRYING,
    EXHAUSTED,
    FAILED,
    STOPPED;

    private static final Set<PushState> ENDINGS = EnumSet.of(RETRYING, EXHAUSTED, FAILED, STOPPED);

    /** Every allowed transition, by the state it leaves. */
    private static final Map<PushState, Set<PushState>> TRANSITIONS = new EnumMap<>(Map.of(
            STARTING, union(EnumSet.of(BROADCASTING), ENDINGS),
            BROADCASTING, union(EnumSet.of(DEGRADED), ENDINGS),
            DEGRADED, ENDINGS,
            RETRYING, union(EnumSet.of(BROADCASTING), ENDINGS),
            EXHAUSTED, EnumSet.of(RETRYING, STARTING),
            FAILED, EnumSet.of(STARTING),
            STOPPED, EnumSet.of(STARTING)));

    /** Whether the push should be running (a degraded one runs: its media reaches the destination). */
    public boolean isActive() {
        return this == STARTING || this == BROADCASTING || this == DEGRADED || this == RETRYING;
    }

    /** Whether a push may go from {@code from} (null: the target has no push in the session yet) to {@code to}. */
    public static boolean allows(PushState from, PushState to) {
        return from == null ? to == STARTING : TRANSITIONS.get(from).contains(to);
    }

    /** {@code to}, if the push may go there from {@code from}; an {@link IllegalStateException} if not. */
    public static PushState move(PushState from, PushState to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("a push cannot go from " + (from == null ? "nothing" : from) + " to " + to);
        }
        return to;
    }

    private static Set<PushState> union(Set<PushState> a, Set<PushState> b) {
        Set<PushState> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
