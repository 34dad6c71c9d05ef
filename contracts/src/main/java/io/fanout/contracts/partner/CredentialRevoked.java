package io.fanout.contracts.partner;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.MayBeNull;
import java.time.Instant;

/**
 * A partner's API credential was revoked (by the partner, by a rotation or by the administrator):
 * every service refuses tokens carrying this credential id ({@code jti}) from now on. What others may
 * know of it: its id, its owner and when the token would have expired anyway; never the token.
 */
public record CredentialRevoked(
        String credentialId,
        String partnerId,
        Instant occurredAt,
        @MayBeNull Instant expiresAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return credentialId;
    }
}
