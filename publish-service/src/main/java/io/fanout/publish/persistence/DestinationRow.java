package io.fanout.publish.persistence;

import io.fanout.contracts.push.Network;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code destination}; the credentials stay encrypted ({@code keyCiphertext} the stream
 * key, {@code tokenCiphertext} a network API token, both under {@code keyId}). {@code ingestUrl} and
 * the key are null for networks whose API gives them per broadcast (YouTube, Facebook);
 * {@code accountId} names the account on networks with an API. {@code retryMaxAttempts} and {@code retryMaxDelay} are the destination's own retry policy, null
 * where the service's default applies; {@code maxVideoHeight} the most lines it takes (null: its
 * network's limit, if any).
 */
public record DestinationRow(UUID id, UUID partnerId, String name, Network network, String ingestUrl,
        byte[] keyCiphertext, String keyId, Instant createdAt, Integer retryMaxAttempts, Duration retryMaxDelay,
        String accountId, byte[] tokenCiphertext, Integer maxVideoHeight) {

    public DestinationRow withRetry(Integer maxAttempts, Duration maxDelay) {
        return new DestinationRow(id, partnerId, name, network, ingestUrl, keyCiphertext, keyId, createdAt,
                maxAttempts, maxDelay, accountId, tokenCiphertext, maxVideoHeight);
    }
}
