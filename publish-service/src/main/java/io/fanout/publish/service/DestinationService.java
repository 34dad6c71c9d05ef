package io.fanout.publish.service;

import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.CredentialCipher;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A partner's destinations and targets. Every method is scoped to the calling partner. */
@ApplicationScoped
public class DestinationService {

    private final DestinationRepository destinations;
    private final CredentialCipher cipher;
    private final OutboxRepository outbox;

    public DestinationService(DestinationRepository destinations, CredentialCipher cipher, OutboxRepository outbox) {
        this.destinations = destinations;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    /**
     * A destination as its partner describes it: where to push ({@code ingestUrl} + {@code streamKey},
     * for networks without an API and for X's source), the account on a network with an API
     * ({@code accountId}, {@code token}), its own retry policy (nulls: the service's default) and
     * the most lines it takes (null: its network's limit, if any).
     */
    public record NewDestination(String name, Network network, String ingestUrl, String streamKey, String accountId,
            String token, Integer retryMaxAttempts, Duration retryMaxDelay, Integer maxVideoHeight) {
    }

    /**
     * Creates a destination; its stream key and token are encrypted before they are stored, and
     * {@code destination.created} (its owner, name and network: nothing secret) goes out through the
     * outbox so the catalog can plan matches onto it.
     */
    @Transactional
    public DestinationRow create(UUID partnerId, NewDestination d) {
        DestinationRow row = new DestinationRow(UUID.randomUUID(), partnerId, d.name(), d.network(), d.ingestUrl(),
                d.streamKey() == null ? null : cipher.encrypt(d.streamKey()), cipher.keyId(), Instant.now(),
                d.retryMaxAttempts(), d.retryMaxDelay(), d.accountId(), d.token() == null ? null : cipher.encrypt(d.token()),
                d.maxVideoHeight());
        destinations.insert(row);
        outbox.append(new DestinationCreated(row.id().toString(), partnerId.toString(), row.createdAt(), row.name(),
                row.network()));
        return row;
    }

    /**
     * Replaces the destination's own retry policy (nulls: the service's default). A push already
     * waiting keeps its planned wait; its next breakage is judged by the new policy.
     */
    @Transactional
    public Optional<DestinationRow> setRetryPolicy(UUID partnerId, UUID id, Integer maxAttempts, Duration maxDelay) {
        return destinations.find(partnerId, id).map(row -> {
            DestinationRow changed = row.withRetry(maxAttempts, maxDelay);
            destinations.updateRetry(changed);
            return changed;
        });
    }

    @Transactional
    public Optional<DestinationRow> find(UUID partnerId, UUID id) {
        return destinations.find(partnerId, id);
    }

    @Transactional
    public List<DestinationRow> list(UUID partnerId) {
        return destinations.list(partnerId);
    }
}
