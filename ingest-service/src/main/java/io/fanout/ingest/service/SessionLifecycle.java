package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.SessionRow;
import io.fanout.ingest.persistence.StreamRepository;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one owner of sessions: a session starts, loses its encoder, resumes and ends only here, each
 * change moved by {@link StreamState}'s table and announced by its {@code stream-lifecycle} event
 * through the outbox. Callers (the partner's commands, the edge's hooks) run it inside their
 * transaction, on a stream they locked.
 */
@ApplicationScoped
public class SessionLifecycle {

    /** A stream after a change; {@code dropPublisher}: its encoder must leave the edge once it is committed. */
    public record Change(StreamRow stream, boolean dropPublisher) {
    }

    private static final Logger LOG = Logger.getLogger(SessionLifecycle.class);

    private final StreamRepository streams;
    private final OutboxRepository outbox;
    private final IngestMetrics metrics;

    public SessionLifecycle(StreamRepository streams, OutboxRepository outbox, IngestMetrics metrics) {
        this.streams = streams;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** A new session of an idle or ended stream ({@code stream.started}). */
    void start(StreamRow stream, String clientAddr, String edgeClientId, Instant now) {
        UUID sessionId = UUID.randomUUID();
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.openSession(sessionId, stream.id(), now, clientAddr, edgeClientId);
        outbox.append(new StreamStarted(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                sessionId.toString(), stream.media()));
        metrics.sessionStarted();
        LOG.infof("stream %s live, session %s, publisher %s", stream.id(), sessionId, clientAddr);
    }

    /** The encoder is back inside the reconnect window: the interrupted session goes on ({@code stream.resumed}). */
    void resume(StreamRow stream, String clientAddr, String edgeClientId, Instant now) {
        SessionRow session = streams.openSession(stream.id()).orElseThrow(() -> noSession(stream));
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.reassignSession(session.id(), clientAddr, edgeClientId);
        outbox.append(new StreamResumed(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                session.id().toString(), stream.media()));
        LOG.infof("stream %s resumed, session %s, publisher %s", stream.id(), session.id(), clientAddr);
    }

    /** The encoder of a live session is gone: interrupted for the reconnect window, or ended without one. */
    StreamRow encoderLost(StreamRow stream, SessionRow session, Instant now) {
        if (stream.reconnectWindowSeconds() == 0) {
            return end(stream, session, EndReason.RECONNECT_WINDOW_EXPIRED, now);
        }
        StreamRow interrupted = stream.interrupted(now, now.plusSeconds(stream.reconnectWindowSeconds()));
        streams.update(interrupted);
        outbox.append(new StreamInterrupted(stream.id().toString(), stream.partnerId().toString(), interrupted.sequence(),
                now, session.id().toString(), interrupted.reconnectDeadline()));
        LOG.infof("stream %s interrupted, session %s, reconnect until %s", stream.id(), session.id(),
                interrupted.reconnectDeadline());
        return interrupted;
    }

    /** The live stream's current session loses its encoder (see {@link #encoderLost(StreamRow, SessionRow, Instant)}). */
    StreamRow encoderLost(StreamRow stream, Instant now) {
        return encoderLost(stream, streams.openSession(stream.id()).orElseThrow(() -> noSession(stream)), now);
    }

    /**
     * Ends a live or interrupted stream's session for {@code reason}; a stream without one is left as
     * it is. A live stream's publisher must then leave the edge.
     */
    Change endRunning(StreamRow stream, EndReason reason, Instant now) {
        if (!stream.state().inSession()) {
            return new Change(stream, false);
        }
        SessionRow session = streams.openSession(stream.id()).orElseThrow(() -> noSession(stream));
        return new Change(end(stream, session, reason, now), stream.state() == StreamState.LIVE);
    }

    /** Ends the session for {@code reason} ({@code stream.ended}). */
    StreamRow end(StreamRow stream, SessionRow session, EndReason reason, Instant now) {
        StreamRow ended = stream.next(StreamState.ENDED, now);
        streams.update(ended);
        streams.closeSession(session.id(), now, reason.name());
        outbox.append(new StreamEnded(stream.id().toString(), stream.partnerId().toString(), ended.sequence(), now,
                session.id().toString(), reason));
        metrics.sessionEnded(reason);
        LOG.infof("stream %s ended (%s), session %s", stream.id(), reason, session.id());
        return ended;
    }

    private static IllegalStateException noSession(StreamRow stream) {
        return new IllegalStateException("stream " + stream.id() + " is " + stream.state() + " without an open session");
    }
}
