package io.fanout.catalog.service;

import io.fanout.catalog.domain.PushStatus;
import io.fanout.catalog.persistence.DestinationRepository;
import io.fanout.catalog.persistence.LadderRepository;
import io.fanout.catalog.persistence.PushStatusRepository;
import io.fanout.catalog.persistence.StreamStatusRepository;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.stream.HealthWarning;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.Rung;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the catalog keeps of the other services' reports for the live view: destinations, each
 * push's state, each stream's health and player. Each write is one idempotent statement: a repeated
 * or older report changes nothing.
 */
@ApplicationScoped
public class Observations {

    private final DestinationRepository destinations;
    private final PushStatusRepository pushes;
    private final StreamStatusRepository streams;
    private final LadderRepository ladders;

    public Observations(DestinationRepository destinations, PushStatusRepository pushes, StreamStatusRepository streams,
            LadderRepository ladders) {
        this.destinations = destinations;
        this.pushes = pushes;
        this.streams = streams;
        this.ladders = ladders;
    }

    @Transactional
    public void destination(DestinationCreated d) {
        destinations.save(new DestinationRepository.Destination(UUID.fromString(d.destinationId()),
                UUID.fromString(d.partnerId()), d.name() == null ? "" : d.name(),
                d.network() == null ? "UNKNOWN" : d.network().name()), d.occurredAt());
    }

    @Transactional
    public void push(PushStatus status) {
        pushes.apply(status);
    }

    @Transactional
    public void health(StreamHealth h) {
        streams.health(UUID.fromString(h.streamId()), new StreamStatusRepository.Health(h.videoCodec(), h.audioCodec(),
                h.width(), h.height(), h.fps(), h.bitrateKbps(), h.keyframeIntervalSeconds(),
                h.warnings() == null ? List.of() : h.warnings().stream().map(HealthWarning::name).toList(), h.occurredAt()));
    }

    @Transactional
    public void ladderStarted(LadderStarted l) {
        ladders.started(new LadderRepository.Ladder(UUID.fromString(l.streamId()), UUID.fromString(l.partnerId()),
                UUID.fromString(l.sessionId()), "RUNNING", l.playerUrl(),
                l.rungs() == null ? List.of() : l.rungs().stream().map(Rung::name).toList(), l.occurredAt()));
    }

    /** The session's ladder stopped ({@code STOPPED}) or failed ({@code FAILED}): its player is gone. */
    @Transactional
    public void ladderOver(String streamId, String sessionId, String state, Instant at) {
        ladders.over(UUID.fromString(streamId), UUID.fromString(sessionId), state, at);
    }
}
