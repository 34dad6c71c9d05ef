package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.StreamRepository;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The stream lifecycle: creating streams, and the edge's publish and publish-done. Each state change
 * and its event are written in one transaction (the event through the outbox), so an event exists
 * exactly for the changes that were committed.
 */
@ApplicationScoped
public class StreamService {

    /** A stream just created, with its key: the only moment the key is available in clear. */
    public record CreatedStream(StreamRow stream, String streamKey) {
    }

    /** The answer to a publish, and on acceptance the stream it goes live as. */
    public record PublishOutcome(PublishDecision decision, UUID streamId) {
    }

    private static final Logger LOG = Logger.getLogger(StreamService.class);

    private final StreamRepository streams;
    private final OutboxRepository outbox;
    private final IngestMetrics metrics;

    public StreamService(StreamRepository streams, OutboxRepository outbox, IngestMetrics metrics) {
        this.streams = streams;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    @Transactional
    public CreatedStream create(UUID partnerId, String name, int reconnectWindowSeconds, boolean test) {
        Instant now = Instant.now();
        String key = StreamKeys.generate();
        StreamRow stream = new StreamRow(UUID.randomUUID(), partnerId, name, StreamState.IDLE, 1,
                reconnectWindowSeconds, test, now, now, null);
        streams.insert(stream, StreamKeys.hash(key));
        outbox.append(new StreamCreated(stream.id().toString(), partnerId.toString(), stream.sequence(), now, name,
                reconnectWindowSeconds, test));
        LOG.infof("stream %s created for partner %s", stream.id(), partnerId);
        return new CreatedStream(stream, key);
    }

    @Transactional
    public Optional<StreamRow> find(UUID partnerId, UUID streamId) {
        return streams.findForPartner(partnerId, streamId);
    }

    @Transactional
    public List<StreamRow> list(UUID partnerId, int limit) {
        return streams.listForPartner(partnerId, limit);
    }

    /**
     * The edge's on_publish: accepts the key of a stream that may go live, opening a session and
     * emitting {@code stream.started}, or, inside the reconnect window, resuming the interrupted
     * session with {@code stream.resumed}; refuses anything else and changes nothing.
     */
    @Transactional
    public PublishOutcome publish(String streamKey, String clientAddr, String edgeClientId) {
        Optional<StreamRow> found = streams.lockByKeyHash(StreamKeys.hash(streamKey));
        if (found.isEmpty()) {
            return new PublishOutcome(PublishDecision.REFUSE_UNKNOWN_KEY, null);
        }
        StreamRow stream = found.get();
        PublishDecision decision = stream.state().decidePublish();
        if (!decision.accepted()) {
            LOG.infof("stream %s: publish from %s refused (%s)", stream.id(), clientAddr, decision);
            return new PublishOutcome(decision, stream.id());
        }
        Instant now = Instant.now();
        if (decision == PublishDecision.RESUME) {
            resume(stream, clientAddr, edgeClientId, now);
            return new PublishOutcome(decision, stream.id());
        }
        UUID sessionId = UUID.randomUUID();
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.openSession(sessionId, stream.id(), now, clientAddr, edgeClientId);
        outbox.append(new StreamStarted(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                sessionId.toString()));
        metrics.sessionStarted();
        LOG.infof("stream %s live, session %s, publisher %s", stream.id(), sessionId, clientAddr);
        return new PublishOutcome(decision, stream.id());
    }

    /**
     * The edge's on_publish_done: the session the edge knows as {@code edgeClientId} loses its
     * encoder. With a reconnect window the stream is {@code interrupted} until its deadline
     * ({@code stream.interrupted} carries it); without one the session ends at once. A late or
     * repeated call (no such open session) changes nothing.
     */
    @Transactional
    public void publishDone(String streamKey, String edgeClientId) {
        Optional<StreamRow> found = streams.lockByKeyHash(StreamKeys.hash(streamKey));
        if (found.isEmpty() || found.get().state() != StreamState.LIVE) {
            return;
        }
        StreamRow stream = found.get();
        Optional<UUID> session = streams.openSession(stream.id(), edgeClientId);
        if (session.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        if (stream.reconnectWindowSeconds() == 0) {
            end(stream, session.get(), EndReason.RECONNECT_WINDOW_EXPIRED, now);
            return;
        }
        StreamRow interrupted = stream.interrupted(now, now.plusSeconds(stream.reconnectWindowSeconds()));
        streams.update(interrupted);
        outbox.append(new StreamInterrupted(stream.id().toString(), stream.partnerId().toString(), interrupted.sequence(),
                now, session.get().toString(), interrupted.reconnectDeadline()));
        LOG.infof("stream %s interrupted, session %s, reconnect until %s", stream.id(), session.get(),
                interrupted.reconnectDeadline());
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
            Optional<UUID> session = streams.openSession(stream.id());
            if (session.isPresent()) {
                end(stream, session.get(), EndReason.RECONNECT_WINDOW_EXPIRED, now);
            } else {
                streams.update(stream.next(StreamState.ENDED, now));
            }
        }
        return expired.size();
    }

    private void resume(StreamRow stream, String clientAddr, String edgeClientId, Instant now) {
        UUID session = streams.openSession(stream.id()).orElseThrow(
                () -> new IllegalStateException("interrupted stream " + stream.id() + " has no open session"));
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.reassignSession(session, clientAddr, edgeClientId);
        outbox.append(new StreamResumed(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                session.toString()));
        LOG.infof("stream %s resumed, session %s, publisher %s", stream.id(), session, clientAddr);
    }

    private void end(StreamRow stream, UUID session, EndReason reason, Instant now) {
        StreamRow ended = stream.next(StreamState.ENDED, now);
        streams.update(ended);
        streams.closeSession(session, now, reason.name());
        outbox.append(new StreamEnded(stream.id().toString(), stream.partnerId().toString(), ended.sequence(), now,
                session.toString(), reason));
        metrics.sessionEnded(reason);
        LOG.infof("stream %s ended (%s), session %s", stream.id(), reason, session);
    }
}
