package io.fanout.publish.service;

import io.fanout.publish.config.PublishConfig;
import io.fanout.publish.domain.CredentialCipher;
import io.fanout.publish.domain.DestinationUrl;
import io.fanout.publish.domain.NetworkLimits;
import io.fanout.publish.domain.PushSource;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.PushRepository;
import io.fanout.publish.persistence.PushRepository.PushRecord;
import io.fanout.publish.persistence.RenditionRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.publish.runner.PushSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Plans pushes: what a target's push reads (the live stream, a rendition relay that fits its
 * destination, or the slate) and where it writes (the destination's ingest with its decrypted key).
 * Plans change nothing; callers run inside their own transaction.
 */
@ApplicationScoped
public class PushPlanner {

    /** An active push of a session, with its target and destination. */
    public record Active(TargetRow target, DestinationRow destination, PushRecord push) {
    }

    private final StreamRepository streams;
    private final TargetRepository targets;
    private final PushRepository pushes;
    private final DestinationRepository destinations;
    private final RenditionRepository renditions;
    private final CredentialCipher cipher;
    private final PublishConfig config;

    public PushPlanner(StreamRepository streams, TargetRepository targets, PushRepository pushes,
            DestinationRepository destinations, RenditionRepository renditions, CredentialCipher cipher,
            PublishConfig config) {
        this.streams = streams;
        this.targets = targets;
        this.pushes = pushes;
        this.destinations = destinations;
        this.renditions = renditions;
        this.cipher = cipher;
        this.config = config;
    }

    /**
     * The push of the target in the session: reading the live stream, a rendition relay that fits the
     * destination ({@link PushSource}), or, while the stream is interrupted, the slate.
     */
    public PushPlan plan(TargetRow target, DestinationRow destination, UUID sessionId) {
        String key = key(destination);
        PushSource source = source(target, destination, sessionId, () -> streams.measured(target.streamId()));
        PushSpec spec = new PushSpec(target.id(), target.streamId(), sessionId, source.url(),
                streams.onSlate(target.streamId()), publishUrl(destination, key), key);
        return new PushPlan(target.id(), target.streamId(), target.partnerId(), sessionId, destination.id(),
                destination.network(), 1, destination.ingestUrl(), spec);
    }

    /** The active pushes of the stream's enabled targets in the session. */
    public List<Active> active(UUID streamId, UUID sessionId) {
        List<Active> active = new ArrayList<>();
        for (TargetRow target : targets.of(streamId, true)) {
            pushes.lockActive(target.id(), sessionId).ifPresent(push -> destinations
                    .find(target.partnerId(), target.destinationId())
                    .ifPresent(destination -> active.add(new Active(target, destination, push))));
        }
        return active;
    }

    /** The plans of the session's active pushes as they stand, each at its current attempt. */
    public List<PushPlan> activePlans(UUID streamId, UUID sessionId) {
        return active(streamId, sessionId).stream()
                .map(a -> plan(a.target(), a.destination(), sessionId).withAttempt(a.push().attempt())).toList();
    }

    /**
     * What the target's push reads. The stream's measurements and renditions are read only for a
     * destination with a picture limit.
     */
    public PushSource source(TargetRow target, DestinationRow destination, UUID sessionId,
            Supplier<StreamRepository.Measured> measurements) {
        String live = liveUrl(target.streamId());
        Integer limit = NetworkLimits.of(destination.network()).pictureLimit(destination.maxVideoHeight());
        if (limit == null) {
            return PushSource.choose(live, null, null, null, List.of());
        }
        StreamRepository.Measured measured = measurements.get();
        return PushSource.choose(live, limit, measured.width(), measured.height(),
                renditions.of(target.streamId(), sessionId));
    }

    /** The stream as the edge carries it live (its name there is the stream's id). */
    public String liveUrl(UUID streamId) {
        return config.sourceUrl() + "/" + streamId;
    }

    /** The destination's decrypted key; null for networks whose API gives a key per broadcast. */
    String key(DestinationRow destination) {
        return destination.keyCiphertext() == null ? null : cipher.decrypt(destination.keyCiphertext(), destination.keyId());
    }

    /** Where a push writes: the destination's ingest with its key; null until a network's API gives one. */
    static String publishUrl(DestinationRow destination, String key) {
        return key == null || destination.ingestUrl() == null ? null : DestinationUrl.publishUrl(destination.ingestUrl(), key);
    }
}
