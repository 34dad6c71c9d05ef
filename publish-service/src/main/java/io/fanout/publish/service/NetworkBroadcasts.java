package io.fanout.publish.service;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.CredentialCipher;
import io.fanout.publish.domain.DestinationUrl;
import io.fanout.publish.network.NetworkAccount;
import io.fanout.publish.network.NetworkAdapter;
import io.fanout.publish.network.NetworkAdapters;
import io.fanout.publish.network.NetworkBroadcast;
import io.fanout.publish.network.NetworkException;
import io.fanout.publish.persistence.CatalogPlanRepository;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.NetworkBroadcastRepository;
import io.fanout.publish.persistence.NetworkBroadcastRepository.BroadcastRow;
import io.fanout.publish.persistence.StreamTargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.publish.runner.PushSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The networks' broadcasts around push sessions, for networks with an API (YouTube, Facebook, X):
 * one broadcast per target and session, opened before the session's first push attempt and kept for
 * its retries (and across restarts: it is stored), made live once media flows, ended when the
 * stream ends, and never ended by an interruption. It is titled as the catalog match's plan says for
 * a target the plan created, else with the stream's name. Network calls run outside any transaction.
 */
@ApplicationScoped
public class NetworkBroadcasts {

    /** Where a push goes on its network: the spec to run and the ingest URL to judge. */
    public record Prepared(PushSpec spec, String ingestUrl) {
    }

    private final NetworkAdapters adapters;
    private final NetworkBroadcastRepository broadcasts;
    private final DestinationRepository destinations;
    private final StreamTargetRepository streams;
    private final CatalogPlanRepository plans;
    private final CredentialCipher cipher;

    public NetworkBroadcasts(NetworkAdapters adapters, NetworkBroadcastRepository broadcasts,
            DestinationRepository destinations, StreamTargetRepository streams, CatalogPlanRepository plans,
            CredentialCipher cipher) {
        this.adapters = adapters;
        this.broadcasts = broadcasts;
        this.destinations = destinations;
        this.streams = streams;
        this.plans = plans;
        this.cipher = cipher;
    }

    public boolean hasApi(Network network) {
        return adapters.of(network).isPresent();
    }

    /** The session's broadcast for the plan's target (opened now if it has none yet) and the push to it. */
    public Prepared prepare(PushPlan plan) throws NetworkException {
        BroadcastRow row = broadcasts.find(plan.targetId(), plan.sessionId()).orElse(null);
        if (row == null) {
            DestinationRow destination = destination(plan.partnerId(), plan.destinationId());
            String title = plans.broadcastTitle(plan.targetId()).or(() -> streams.title(plan.streamId())).orElse("Live");
            NetworkBroadcast opened = adapter(plan.network()).open(account(destination), title);
            broadcasts.insert(new BroadcastRow(plan.targetId(), plan.sessionId(), opened.broadcastId(), opened.ingestUrl(),
                    cipher.encrypt(opened.streamKey()), cipher.keyId(), opened.streamRef(), null, null));
            row = broadcasts.find(plan.targetId(), plan.sessionId()).orElseThrow();
        }
        String key = cipher.decrypt(row.keyCiphertext(), row.keyId());
        PushSpec base = plan.spec();
        return new Prepared(new PushSpec(base.targetId(), base.streamId(), base.sessionId(), base.sourceUrl(), base.slate(),
                DestinationUrl.publishUrl(row.ingestUrl(), key), key), row.ingestUrl());
    }

    /** Media reaches the network: makes the session's broadcast live where that takes a call (once). */
    public void live(PushPlan plan) throws NetworkException {
        Optional<BroadcastRow> row = broadcasts.find(plan.targetId(), plan.sessionId()).filter(b -> b.liveAt() == null);
        if (row.isPresent()) {
            DestinationRow destination = destination(plan.partnerId(), plan.destinationId());
            adapter(plan.network()).live(account(destination), broadcast(row.get()));
            broadcasts.markLive(plan.targetId(), plan.sessionId());
        }
    }

    /** The targets of a stream whose session broadcast is open on a network. */
    public List<TargetRow> openIn(UUID streamId, UUID sessionId) {
        return streams.targets(streamId, false).stream().filter(t -> broadcasts.find(t.id(), sessionId)
                .filter(b -> b.endedAt() == null).isPresent()).toList();
    }

    /** Ends the target's broadcast of the session on its network, if it is open. */
    public void end(TargetRow target, UUID sessionId) throws NetworkException {
        Optional<BroadcastRow> row = broadcasts.find(target.id(), sessionId).filter(b -> b.endedAt() == null);
        if (row.isPresent()) {
            DestinationRow destination = destination(target.partnerId(), target.destinationId());
            adapter(destination.network()).end(account(destination), broadcast(row.get()));
            broadcasts.markEnded(target.id(), sessionId);
        }
    }

    private NetworkBroadcast broadcast(BroadcastRow row) {
        return new NetworkBroadcast(row.broadcastId(), row.ingestUrl(), cipher.decrypt(row.keyCiphertext(), row.keyId()),
                row.streamRef());
    }

    private NetworkAccount account(DestinationRow d) {
        return new NetworkAccount(d.accountId(), d.tokenCiphertext() == null ? null : cipher.decrypt(d.tokenCiphertext(), d.keyId()),
                d.ingestUrl(), d.keyCiphertext() == null ? null : cipher.decrypt(d.keyCiphertext(), d.keyId()));
    }

    private DestinationRow destination(UUID partnerId, UUID destinationId) {
        return destinations.find(partnerId, destinationId)
                .orElseThrow(() -> new IllegalStateException("destination " + destinationId + " is gone"));
    }

    private NetworkAdapter adapter(Network network) {
        return adapters.of(network).orElseThrow(() -> new IllegalStateException(network + " has no API adapter"));
    }
}
