package io.fanout.publish.service;

import io.fanout.contracts.push.StopReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.publish.domain.StreamPhase;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.RenditionRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.StreamRepository.StreamView;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Streams' sessions as {@code stream-lifecycle} tells them, and what each means for their pushes.
 * Each method records the change in one transaction (events older than what is stored, by the
 * stream's sequence, are replays and change nothing), then, once it is committed, has the
 * supervisor act on it: a started session's pushes run, an interrupted one's send the slate until it
 * resumes, an ended one's stop, their broadcasts on the networks end and they are armed again.
 */
@ApplicationScoped
public class StreamSessions {

    private final StreamRepository streams;
    private final TargetRepository targets;
    private final DestinationRepository destinations;
    private final RenditionRepository renditions;
    private final PushAttempts attempts;
    private final PushPlanner planner;
    private final CatalogPlans catalogPlans;
    private final PushSupervisor supervisor;

    public StreamSessions(StreamRepository streams, TargetRepository targets, DestinationRepository destinations,
            RenditionRepository renditions, PushAttempts attempts, PushPlanner planner, CatalogPlans catalogPlans,
            PushSupervisor supervisor) {
        this.streams = streams;
        this.targets = targets;
        this.destinations = destinations;
        this.renditions = renditions;
        this.attempts = attempts;
        this.planner = planner;
        this.catalogPlans = catalogPlans;
        this.supervisor = supervisor;
    }

    /** A new stream: known here from now on, and catalog plans that were waiting for it apply. */
    public void created(StreamCreated e) {
        UUID streamId = UUID.fromString(e.streamId());
        QuarkusTransaction.requiringNew().run(() -> {
            if (isNew(streamId, e.sequence())) {
                streams.save(new StreamView(streamId, UUID.fromString(e.partnerId()), StreamPhase.IDLE, null,
                        e.sequence()), e.occurredAt());
                streams.setTitle(streamId, e.name());
            }
        });
        catalogPlans.streamKnown(streamId);
    }

    /** A session started: one push per enabled target ({@code push.starting}), run at once. */
    public void started(StreamStarted e) {
        supervisor.start(QuarkusTransaction.requiringNew().call(() -> recordStart(e)));
    }

    private List<PushPlan> recordStart(StreamStarted e) {
        UUID streamId = UUID.fromString(e.streamId());
        if (!isNew(streamId, e.sequence())) {
            return List.of();
        }
        UUID partnerId = UUID.fromString(e.partnerId());
        UUID sessionId = UUID.fromString(e.sessionId());
        streams.save(new StreamView(streamId, partnerId, StreamPhase.LIVE, sessionId, e.sequence()), e.occurredAt());
        streams.sessionStarted(streamId, e.occurredAt());
        streams.setOnSlate(streamId, false);
        renditions.forgetOtherSessions(streamId, sessionId);
        List<PushPlan> plans = new ArrayList<>();
        for (TargetRow target : targets.of(streamId, true)) {
            destinations.find(partnerId, target.destinationId())
                    .flatMap(destination -> attempts.start(target, destination, sessionId))
                    .ifPresent(plans::add);
        }
        return plans;
    }

    /**
     * The encoder is gone but the reconnect window is open: the session's active pushes switch to the
     * slate, so that the destinations keep receiving media and do not end their broadcasts. Their
     * states stay as they are (a slate is broadcasting).
     */
    public void interrupted(StreamInterrupted e) {
        supervisor.switchSource(QuarkusTransaction.requiringNew().call(
                () -> recordSlate(e.streamId(), e.sequence(), e.sessionId(), true)));
    }

    /** The encoder is back inside the window: the session's active pushes switch back to the live stream. */
    public void resumed(StreamResumed e) {
        supervisor.switchSource(QuarkusTransaction.requiringNew().call(
                () -> recordSlate(e.streamId(), e.sequence(), e.sessionId(), false)));
    }

    private List<PushPlan> recordSlate(String stream, long sequence, String session, boolean slate) {
        UUID streamId = UUID.fromString(stream);
        UUID sessionId = UUID.fromString(session);
        return streams.lock(streamId).filter(s -> sequence > s.lastSequence() && s.isLiveIn(sessionId)).map(current -> {
            streams.save(new StreamView(streamId, current.partnerId(), StreamPhase.LIVE, sessionId, sequence),
                    Instant.now());
            streams.setOnSlate(streamId, slate);
            return planner.activePlans(streamId, sessionId);
        }).orElse(List.of());
    }

    /** The session ended: its active pushes stop ({@code push.stopped}), and the supervisor follows. */
    public void ended(StreamEnded e) {
        UUID streamId = UUID.fromString(e.streamId());
        UUID sessionId = UUID.fromString(e.sessionId());
        List<UUID> stopped = QuarkusTransaction.requiringNew().call(() -> recordEnd(e, streamId, sessionId));
        supervisor.streamEnded(streamId, sessionId, stopped);
    }

    private List<UUID> recordEnd(StreamEnded e, UUID streamId, UUID sessionId) {
        if (!isNew(streamId, e.sequence())) {
            return List.of();
        }
        streams.save(new StreamView(streamId, UUID.fromString(e.partnerId()), StreamPhase.ENDED, sessionId, e.sequence()),
                e.occurredAt());
        List<UUID> stopped = new ArrayList<>();
        for (TargetRow target : targets.of(streamId, false)) {
            if (attempts.stop(target, sessionId, StopReason.STREAM_ENDED)) {
                stopped.add(target.id());
            }
        }
        return stopped;
    }

    private boolean isNew(UUID streamId, long sequence) {
        return streams.lock(streamId).map(s -> sequence > s.lastSequence()).orElse(true);
    }
}
