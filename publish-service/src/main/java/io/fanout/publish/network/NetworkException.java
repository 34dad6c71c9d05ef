package io.fanout.publish.network;

import java.time.Duration;
import java.util.Optional;

/**
 * A network's API said no, or did not answer. {@link Kind} decides what the push does: refused
 * credentials and refused broadcasts fail it for good, the rest are retried under its policy.
 * Messages never carry a credential.
 */
public class NetworkException extends Exception {

    /** What kind of no. */
    public enum Kind {
        /** The token or key is expired, revoked or wrong: the partner must reconnect the account. */
        CREDENTIALS_REFUSED,
        /** The network refused the broadcast itself (policy, quota, a live ban): no retry fixes it. */
        REFUSED,
        /** Too many calls: try again later (after {@link #retryAfter()} when the network said). */
        RATE_LIMITED,
        /** 5xx, a timeout, a connection that failed: try again. */
        UNAVAILABLE;

        public boolean retryable() {
            return this == RATE_LIMITED || this == UNAVAILABLE;
        }
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public NetworkException(Kind kind, String message) {
        this(kind, message, null);
    }

    public NetworkException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
