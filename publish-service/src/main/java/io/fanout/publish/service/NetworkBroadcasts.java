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
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.publish.runner.PushSpec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The networks' broadcasts around push sessions, for networks with an API (YouTube, Facebook, X):
 * one broadcast per target and session, opened before the session's first push attempt and kept for
 * its retries (and across restarts: it is stored), made live once media flows, ended when the
 * stream ends, and never ended by an interruption. It is titled as the catalog match's plan says for
 * a target the plan created, else with the stream's name. Network calls run outside any transaction;
 * making live and ending run in the background, retried while the network answers with a retryable refusal.
 */
@ApplicationScoped
public class NetworkBroadcasts {

    /** Where a push goes on its network: the spec to run and the ingest URL to judge. */
    public record Prepared(PushSpec spec, String ingestUrl) {
    }

    private static final Logger LOG = Logger.getLogger(NetworkBroadcasts.class);

    private final NetworkAdapters adapters;
    private final NetworkBroadcastRepository broadcasts;
    private final DestinationRepository destinations;
    private final StreamRepository streams;
    private final TargetRepository targets;
    private final CatalogPlanRepository plans;
    private final CredentialCipher cipher;
    private final ScheduledExecutorService calls = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "network-calls");
        thread.setDaemon(true);
        return thread;
    });

    public NetworkBroadcasts(NetworkAdapters adapters, NetworkBroadcastRepository broadcasts,
            DestinationRepository destinations, StreamRepository streams, TargetRepository targets,
            CatalogPlanRepository plans, CredentialCipher cipher) {
        this.adapters = adapters;
        this.broadcasts = broadcasts;
        this.destinations = destinations;
        this.streams = streams;
        this.targets = targets;
        this.plans = plans;
        this.cipher = cipher;
    }

    public boolean hasApi(Network network) {
        return adapters.of(network).isPresent();
    }

    /**
     * The session's broadcast for the plan's target and the push to it. The first attempt opens it;
     * later ones keep it. A {@code nextAttempt} (the push stopped since) first asks whether the
     * network ended it meanwhile (X ends a broadcast that got no media in time), and opens a new one
     * in its place if it did.
     */
    public Prepared prepare(PushPlan plan, boolean nextAttempt) throws NetworkException {
        BroadcastRow row = broadcasts.find(plan.targetId(), plan.sessionId()).orElse(null);
        if (row == null) {
            broadcasts.insert(open(plan));
            row = broadcasts.find(plan.targetId(), plan.sessionId()).orElseThrow();
        } else if (nextAttempt && row.endedAt() == null && endedByNetwork(plan, row)) {
            LOG.infof("broadcast %s of target %s was ended by %s: opening a new one", row.broadcastId(), plan.targetId(),
                    plan.network());
            row = open(plan);
            broadcasts.replace(row);
        }
        String key = cipher.decrypt(row.keyCiphertext(), row.keyId());
        return new Prepared(plan.spec().to(DestinationUrl.publishUrl(row.ingestUrl(), key), key), row.ingestUrl());
    }

    /**
     * Media reaches the network: makes the session's broadcast live, in the background. YouTube
     * accepts that only once its stream is active (a few seconds after media arrives): a retryable
     * refusal is tried again every 2 s, up to 30 times, while {@code stillPlanned}. A refusal for
     * good, or the last one, goes to {@code refused} with its reason; the push itself goes on.
     */
    public void goLive(PushPlan plan, BooleanSupplier stillPlanned, Consumer<String> refused) {
        if (hasApi(plan.network())) {
            calls.execute(() -> goLive(plan, stillPlanned, refused, 1));
        }
    }

    private void goLive(PushPlan plan, BooleanSupplier stillPlanned, Consumer<String> refused, int attempt) {
        try {
            live(plan);
        } catch (NetworkException e) {
            if (!stillPlanned.getAsBoolean()) {
                return;
            }
            if (e.kind().retryable() && attempt < 30) {
                calls.schedule(() -> goLive(plan, stillPlanned, refused, attempt + 1), 2, TimeUnit.SECONDS);
            } else {
                LOG.warnf("broadcast of target %s not made live on %s: %s", plan.targetId(), plan.network(), e.getMessage());
                refused.accept(e.getMessage());
            }
        }
    }

    /**
     * The stream's session ended: each open network broadcast of it is ended, in the background (a
     * retryable refusal is tried again every 2 s, up to 5 times).
     */
    public void endAll(UUID streamId, UUID sessionId) {
        calls.execute(() -> openIn(streamId, sessionId).forEach(target -> end(target, sessionId, 1)));
    }

    private void end(TargetRow target, UUID sessionId, int attempt) {
        try {
            end(target, sessionId);
        } catch (NetworkException e) {
            if (e.kind().retryable() && attempt < 5) {
                calls.schedule(() -> end(target, sessionId, attempt + 1), 2, TimeUnit.SECONDS);
            } else {
                LOG.warnf("broadcast of target %s not ended: %s", target.id(), e.getMessage());
            }
        }
    }

    /**
     * Whether the network ended the session's broadcast by itself. Only a clear answer counts: when
     * the question cannot be answered (the API is down, refuses the call), the broadcast is kept and
     * the push goes on with it.
     */
    private boolean endedByNetwork(PushPlan plan, BroadcastRow row) {
        try {
            return adapter(plan.network()).endedByNetwork(account(destination(plan.partnerId(), plan.destinationId())),
                    broadcast(row));
        } catch (NetworkException e) {
            LOG.warnf("broadcast %s of target %s: could not ask %s whether it ended (%s); keeping it", row.broadcastId(),
                    plan.targetId(), plan.network(), e.getMessage());
            return false;
        }
    }

    private BroadcastRow open(PushPlan plan) throws NetworkException {
        DestinationRow destination = destination(plan.partnerId(), plan.destinationId());
        String title = plans.broadcastTitle(plan.targetId()).or(() -> streams.title(plan.streamId())).orElse("Live");
        NetworkBroadcast opened = adapter(plan.network()).open(account(destination), title);
        return new BroadcastRow(plan.targetId(), plan.sessionId(), opened.broadcastId(), opened.ingestUrl(),
                cipher.encrypt(opened.streamKey()), cipher.keyId(), opened.streamRef(), null, null);
    }

    /** Makes the session's broadcast live where that takes a call (once). */
    void live(PushPlan plan) throws NetworkException {
        Optional<BroadcastRow> row = broadcasts.find(plan.targetId(), plan.sessionId()).filter(b -> b.liveAt() == null);
        if (row.isPresent()) {
            DestinationRow destination = destination(plan.partnerId(), plan.destinationId());
            adapter(plan.network()).live(account(destination), broadcast(row.get()));
            broadcasts.markLive(plan.targetId(), plan.sessionId());
        }
    }

    /** The targets of a stream whose session broadcast is open on a network. */
    List<TargetRow> openIn(UUID streamId, UUID sessionId) {
        return targets.of(streamId, false).stream().filter(t -> broadcasts.find(t.id(), sessionId)
                .filter(b -> b.endedAt() == null).isPresent()).toList();
    }

    /** Ends the target's broadcast of the session on its network, if it is open. */
    void end(TargetRow target, UUID sessionId) throws NetworkException {
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

    /** The destination's account, decrypted; a refresh token the network replaces is stored encrypted at once. */
    private NetworkAccount account(DestinationRow d) {
        String key = d.keyCiphertext() == null ? null : cipher.decrypt(d.keyCiphertext(), d.keyId());
        return new NetworkAccount(d.accountId(), d.tokenCiphertext() == null ? null : cipher.decrypt(d.tokenCiphertext(), d.keyId()),
                d.ingestUrl(), key, refreshToken -> {
                    destinations.updateCredentials(d.partnerId(), d.id(), cipher.encrypt(refreshToken),
                            key == null ? null : cipher.encrypt(key), cipher.keyId());
                    LOG.infof("destination %s: %s issued a new refresh token; stored", d.id(), d.network());
                });
    }

    private DestinationRow destination(UUID partnerId, UUID destinationId) {
        return destinations.find(partnerId, destinationId)
                .orElseThrow(() -> new IllegalStateException("destination " + destinationId + " is gone"));
    }

    private NetworkAdapter adapter(Network network) {
        return adapters.of(network).orElseThrow(() -> new IllegalStateException(network + " has no API adapter"));
    }

    @PreDestroy
    void shutdown() {
        calls.shutdownNow();
    }
}
