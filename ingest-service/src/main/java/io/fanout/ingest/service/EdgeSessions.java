package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.edge.EdgeClient;
import io.fanout.ingest.persistence.SessionRow;
import io.fanout.ingest.persistence.StreamRepository;
import io.fanout.ingest.persistence.StreamRepository.LiveSession;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the edge tells of sessions and what is measured of them: its hooks (publish, publish done),
 * what its reconciliation finds (a publisher gone without a word, a session past its
 * maximum duration, the traffic carried), health measurements, and reconnect windows that expired.
 * Each change and its event are written in one transaction through {@link SessionLifecycle}.
 */
@ApplicationScoped
public class EdgeSessions {

    /** The answer to a publish, and on acceptance the stream it goes live as. */
    public record PublishOutcome(PublishDecision decision, UUID streamId) {
    }

    private static final Logger LOG = Logger.getLogger(EdgeSessions.class);

    private final StreamRepository streams;
    private final SessionLifecycle sessions;
    private final OutboxRepository outbox;
    private final EdgeClient edge;
    private final Duration grace;

    public EdgeSessions(StreamRepository streams, SessionLifecycle sessions, OutboxRepository outbox, EdgeClient edge,
            IngestConfig config) {
        this.streams = streams;
        this.sessions = sessions;
        this.outbox = outbox;
        this.edge = edge;
        // Two polls of the edge: long enough that a publish accepted a moment ago and not yet in the
        // edge's statistics is never mistaken for one that vanished.
        this.grace = config.edgePollInterval().multipliedBy(2);
    }

    /** How long after a stream was (re)published the edge's statistics are trusted to show its publisher. */
    public Duration grace() {
        return grace;
    }

    /**
     * The edge's on_publish: accepts the key of a stream that may go live, opening a session and
     * emitting {@code stream.started}, or, inside the reconnect window, resuming the interrupted
     * session with {@code stream.resumed}; refuses anything else and changes nothing. A stream
     * believed live whose publisher the edge no longer carries (the edge restarted, or its
     * publish-done was lost) has lost its encoder: this publish is its encoder back, at once rather
     * than after the next reconciliation.
     */
    @Transactional
    public PublishOutcome publish(String streamKey, String clientAddr, String edgeClientId) {
        Optional<StreamRow> found = streams.lockByKeyHash(StreamKeys.hash(streamKey));
        if (found.isEmpty()) {
            return new PublishOutcome(PublishDecision.REFUSE_UNKNOWN_KEY, null);
        }
        StreamRow stream = found.get();
        Instant now = Instant.now();
        PublishDecision decision = stream.state().decidePublish();
        if (decision == PublishDecision.REFUSE_ALREADY_LIVE && pastGrace(stream, now) && !edgeCarries(stream)) {
            StreamRow live = stream;
            stream = streams.openSession(live.id()).map(open -> encoderLost(live, open, now)).orElse(live);
            decision = stream.state().decidePublish();
        }
        if (!decision.accepted()) {
            LOG.infof("stream %s: publish from %s refused (%s)", stream.id(), clientAddr, decision);
        } else if (decision == PublishDecision.RESUME) {
            sessions.resume(stream, clientAddr, edgeClientId, now);
        } else {
            sessions.start(stream, clientAddr, edgeClientId, now);
        }
        return new PublishOutcome(decision, stream.id());
    }

    /**
     * The edge's on_publish_done: the session the edge knows as {@code edgeClientId} loses its
     * encoder. A late or repeated call (no such open session) changes nothing.
     */
    @Transactional
    public void publishDone(String streamKey, String edgeClientId) {
        streams.lockByKeyHash(StreamKeys.hash(streamKey)).ifPresent(stream -> {
            if (stream.state() == StreamState.LIVE) {
                streams.openSession(stream.id(), edgeClientId)
                        .ifPresent(session -> sessions.encoderLost(stream, session, Instant.now()));
            }
        });
    }

    /**
     * The edge no longer carries a session the service believes live (its publish-done was lost):
     * the encoder is treated as gone. Changes nothing if the session is no longer the stream's
     * live one, or if it was (re)published less than {@link #grace()} ago.
     */
    @Transactional
    public boolean encoderVanished(UUID streamId, UUID sessionId) {
        Instant now = Instant.now();
        return streams.lock(streamId)
                .filter(stream -> stream.state() == StreamState.LIVE && pastGrace(stream, now))
                .flatMap(stream -> streams.openSession(stream.id())
                        .filter(open -> open.id().equals(sessionId))
                        .map(open -> encoderLost(stream, open, now)))
                .isPresent();
    }

    /** The live stream after its encoder, which the edge no longer carries, was treated as gone. */
    private StreamRow encoderLost(StreamRow stream, SessionRow open, Instant now) {
        LOG.warnf("stream %s: the edge no longer carries session %s; its publish-done was lost", stream.id(), open.id());
        return sessions.encoderLost(stream, open, now);
    }

    /** Whether the stream was (re)published longer than the grace ago, so the edge's statistics must show it. */
    private boolean pastGrace(StreamRow stream, Instant now) {
        return stream.updatedAt().isBefore(now.minus(grace));
    }

    /** Whether the edge carries a publisher of the stream; true when it does not answer (nothing is concluded). */
    private boolean edgeCarries(StreamRow stream) {
        return edge.publishing().map(onEdge -> onEdge.containsKey(stream.id().toString())).orElse(true);
    }

    /**
     * Ends the stream's session if it has run longer than the stream's maximum duration
     * ({@code MAX_DURATION_REACHED}), and once that is committed drops its publisher from the edge.
     * Returns whether it ended.
     */
    public boolean endIfTooLong(UUID streamId, UUID sessionId) {
        boolean ended = QuarkusTransaction.requiringNew().call(() -> streams.lock(streamId)
                .filter(s -> s.state().inSession())
                .flatMap(stream -> streams.openSession(stream.id())
                        .filter(open -> open.id().equals(sessionId))
                        .flatMap(open -> endIfTooLong(stream, open, Instant.now())))
                .isPresent());
        if (ended) {
            edge.dropPublisher(streamId.toString());
        }
        return ended;
    }

    private Optional<StreamRow> endIfTooLong(StreamRow stream, SessionRow session, Instant now) {
        if (session.startedAt().plusSeconds(stream.maxDurationSeconds()).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(sessions.end(stream, session, EndReason.MAX_DURATION_REACHED, now));
    }

    /** What the edge measured of a session's current publisher. */
    @Transactional
    public void recordTraffic(UUID sessionId, long publisherBytes, long bitrateKbps) {
        streams.recordTraffic(sessionId, publisherBytes, bitrateKbps);
    }

    /**
     * Reports a health measurement ({@code stream.health} on {@code stream-health}, through the
     * outbox) and keeps its bitrate as the session's peak if it is the highest yet.
     */
    @Transactional
    public void reportHealth(UUID sessionId, StreamHealth health) {
        outbox.append(health);
        streams.recordTraffic(sessionId, 0, health.bitrateKbps());
    }

    /** The open sessions of live streams. */
    @Transactional
    public List<LiveSession> liveSessions() {
        return streams.liveSessions();
    }

    /**
     * Ends the interrupted streams whose reconnect deadline has passed ({@code stream.ended},
     * reason {@code RECONNECT_WINDOW_EXPIRED}). The deadline is in the database, so this holds across
     * restarts; rows locked by another instance are left to it. Returns how many it ended.
     */
    @Transactional
    public int endExpiredWindows(Instant now, int limit) {
        List<StreamRow> expired = streams.lockExpiredWindows(now, limit);
        for (StreamRow stream : expired) {
            Optional<SessionRow> session = streams.openSession(stream.id());
            if (session.isPresent()) {
                sessions.end(stream, session.get(), EndReason.RECONNECT_WINDOW_EXPIRED, now);
            } else {
                streams.update(stream.next(StreamState.ENDED, now));
            }
        }
        return expired.size();
    }
}
