package io.fanout.publish.persistence;

import io.fanout.contracts.push.Network;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code destination}; the credential stays encrypted ({@code keyCiphertext}, {@code keyId}). */
public record DestinationRow(UUID id, UUID partnerId, String name, Network network, String ingestUrl,
        byte[] keyCiphertext, String keyId, Instant createdAt) {
}
