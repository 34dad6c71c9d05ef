package io.fanout.publish.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fanout.contracts.Json;
import io.fanout.contracts.push.PreflightViolation;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.publish.domain.NetworkLimits;
import io.fanout.publish.domain.PushSource;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.NetworkBroadcastRepository;
import io.fanout.publish.persistence.PushRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks each active push against its network's documented limits (keyframe interval, ingest
 * address, session length, picture size) and reports a change of its violations as
 * {@code push.preflight}; and shows partners how each push stands ({@link PushView}). Callers run it
 * inside their transaction.
 */
@ApplicationScoped
public class Preflight {

    /**
     * How a target's push in its stream's current session stands: its preflight violations, and what
     * it reads while it is active ({@code live}, {@code slate} or {@code rendition <rung>}; null when
     * it has no active push).
     */
    public record PushView(List<PreflightViolation> preflight, String reading) {
    }

    private final StreamRepository streams;
    private final TargetRepository targets;
    private final PushRepository pushes;
    private final DestinationRepository destinations;
    private final NetworkBroadcastRepository broadcasts;
    private final PushPlanner planner;
    private final OutboxRepository outbox;

    public Preflight(StreamRepository streams, TargetRepository targets, PushRepository pushes,
            DestinationRepository destinations, NetworkBroadcastRepository broadcasts, PushPlanner planner,
            OutboxRepository outbox) {
        this.streams = streams;
        this.targets = targets;
        this.pushes = pushes;
        this.destinations = destinations;
        this.broadcasts = broadcasts;
        this.planner = planner;
        this.outbox = outbox;
    }

    /** Checks every active push of the stream's live session. */
    void checkAll(UUID streamId, UUID sessionId, Instant at) {
        planner.active(streamId, sessionId).forEach(a -> check(a.target(), a.destination(), sessionId, at));
    }

    /** Checks the push against its network's limits; reports a change of its violations. */
    void check(TargetRow target, DestinationRow destination, UUID sessionId, Instant at) {
        StreamRepository.Measured measured = streams.measured(target.streamId());
        String ingestUrl = destination.ingestUrl() != null ? destination.ingestUrl()
                : broadcasts.find(target.id(), sessionId).map(NetworkBroadcastRepository.BroadcastRow::ingestUrl).orElse(null);
        Duration liveFor = measured.sessionStartedAt() == null ? null : Duration.between(measured.sessionStartedAt(), at);
        List<PreflightViolation> violations = new ArrayList<>(NetworkLimits.of(destination.network())
                .check(destination.network(), ingestUrl, measured.keyframeIntervalSeconds(), liveFor));
        PreflightViolation picture = planner.source(target, destination, sessionId, () -> measured).violation();
        if (picture != null) {
            violations.add(picture);
        }
        String now = write(violations);
        if (!now.equals(pushes.preflight(target.id(), sessionId))) {
            pushes.setPreflight(target.id(), sessionId, now);
            outbox.append(new PushPreflight(target.id().toString(), target.streamId().toString(),
                    target.partnerId().toString(), sessionId.toString(), destination.id().toString(), destination.network(),
                    at, violations));
        }
    }

    /** The push of each of the stream's targets in its current session, by target. */
    @Transactional
    public Map<UUID, PushView> views(UUID streamId) {
        Map<UUID, PushView> byTarget = new HashMap<>();
        streams.lock(streamId).filter(s -> s.sessionId() != null).ifPresent(stream -> {
            UUID session = stream.sessionId();
            boolean slate = streams.onSlate(streamId);
            StreamRepository.Measured measured = streams.measured(streamId);
            for (TargetRow target : targets.of(streamId, false)) {
                boolean active = stream.isLive() && target.enabled() && pushes.lockActive(target.id(), session).isPresent();
                String reading = !active ? null : slate ? "slate"
                        : destinations.find(stream.partnerId(), target.destinationId())
                                .map(destination -> planner.source(target, destination, session, () -> measured))
                                .map(Preflight::reading)
                                .orElse(null);
                byTarget.put(target.id(), new PushView(read(pushes.preflight(target.id(), session)), reading));
            }
        });
        return byTarget;
    }

    private static String reading(PushSource source) {
        return source.isRendition() ? "rendition " + source.rendition().rung() : "live";
    }

    private static String write(List<PreflightViolation> violations) {
        try {
            return Json.mapper().writeValueAsString(violations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preflight violations", e);
        }
    }

    private static List<PreflightViolation> read(String json) {
        try {
            return List.of(Json.mapper().readValue(json, PreflightViolation[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read preflight violations", e);
        }
    }
}
