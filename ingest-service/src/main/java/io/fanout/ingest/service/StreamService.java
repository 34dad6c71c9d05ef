package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
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

    public StreamService(StreamRepository streams, OutboxRepository outbox) {
        this.streams = streams;
        this.outbox = outbox;
    }

    @Transactional
    public CreatedStream create(UUID partnerId, String name, int reconnectWindowSeconds, boolean test) {
        Instant now = Instant.now();
        String key = StreamKeys.generate();
        StreamRow stream = new StreamRow(UUID.randomUUID(), partnerId, name, StreamState.IDLE, 1,
                reconnectWindowSeconds, test, now, now);
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
     * emitting {@code stream.started}; refuses anything else and changes nothing.
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
        UUID sessionId = UUID.randomUUID();
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.openSession(sessionId, stream.id(), now, clientAddr, edgeClientId);
        outbox.append(new StreamStarted(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                sessionId.toString()));
        LOG.infof("stream %s live, session %s, publisher %s", stream.id(), sessionId, clientAddr);
        return new PublishOutcome(decision, stream.id());
    }

    /**
     * The edge's on_publish_done: ends the session the edge knows as {@code edgeClientId}. A late or
     * repeated call (no such open session) changes nothing. The reconnect window is not honoured yet:
     * the session ends at once.
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
        StreamRow ended = stream.next(StreamState.ENDED, now);
        streams.update(ended);
        streams.closeSession(session.get(), now, EndReason.RECONNECT_WINDOW_EXPIRED.name());
        outbox.append(new StreamEnded(stream.id().toString(), stream.partnerId().toString(), ended.sequence(), now,
                session.get().toString(), EndReason.RECONNECT_WINDOW_EXPIRED));
        LOG.infof("stream %s ended, session %s", stream.id(), session.get());
    }
}
