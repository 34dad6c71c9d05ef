package io.fanout.publish.persistence;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.ConnectionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code account_connection}: what the partner asked to connect ({@code name},
 * {@code network}, and for the destination to come {@code accountId}, {@code ingestUrl}, the
 * encrypted stream key, {@code maxVideoHeight}), the flow's encrypted PKCE verifier (all under
 * {@code keyId}) and where it stands.
 */
public record ConnectionRow(UUID id, UUID partnerId, Network network, String name, String accountId, String ingestUrl,
        byte[] keyCiphertext, Integer maxVideoHeight, byte[] verifierCiphertext, String keyId, ConnectionStatus status,
        String reason, UUID destinationId, Instant createdAt, Instant expiresAt, Instant finishedAt) {

    /** The connection as {@link ConnectionRepository#finish} leaves it: the verifier and stream key dropped. */
    public ConnectionRow finished(ConnectionStatus outcome, String why, UUID destination, Instant at) {
        return new ConnectionRow(id, partnerId, network, name, accountId, ingestUrl, null, maxVideoHeight, new byte[0],
                keyId, outcome, why, destination, createdAt, expiresAt, at);
    }

    /** Whether its callback can no longer come: still waiting for it past its expiry. */
    public boolean expired(Instant now) {
        return (status == ConnectionStatus.PENDING || status == ConnectionStatus.EXCHANGING) && now.isAfter(expiresAt);
    }
}
