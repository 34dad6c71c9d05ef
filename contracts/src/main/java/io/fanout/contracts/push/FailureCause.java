package io.fanout.contracts.push;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a push failed for good, as opposed to a failure that a retry may fix. */
public enum FailureCause {
    /** The destination refused the credentials or the stream key. */
    CREDENTIALS_REFUSED,
    /** The source cannot be sent to this destination (codec, size, protocol). */
    INCOMPATIBLE_INPUT,
    /** The destination's API refused the broadcast for a reason of its own (policy, quota). */
    DESTINATION_REFUSED,
    /** The destination's address is not one pushes may reach (loopback, private, metadata, ...). */
    DESTINATION_NOT_ALLOWED,
    /**
     * The destination's TLS certificate is not one to trust for its name (an unknown authority, a
     * certificate for another host, self-signed): the stream key was not sent to it.
     */
    DESTINATION_UNTRUSTED,
    @JsonEnumDefaultValue
    UNKNOWN
}
