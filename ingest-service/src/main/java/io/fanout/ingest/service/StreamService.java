package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamDisabled;
import io.fanout.contracts.stream.StreamEnabled;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamKeyRotated;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.SessionRow;
import io.fanout.ingest.persistence.StreamRepository.Cursor;
import io.fanout.ingest.persistence.StreamRepository.LiveSession;
import io.fanout.ingest.persistence.StreamRepository;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The stream lifecycle: the partner's calls (create, settings, disable, enable, complete, key reset,
 * delete) and the edge's (publish, publish done, update). Each state change and its event are
 * written in one transaction (the event through the outbox), so an event exists exactly for the
 * changes that were committed. A change that must also drop the publisher on the edge says so in its
 * result; the caller drops it after the commit, so the edge's publish-done finds the change done.
 */
@ApplicationScoped
public class StreamService {

    /** The settings a partner gives a new stream. */
    public record NewStream(String name, int reconnectWindowSeconds, int maxDurationSeconds, String passthrough,
            StreamMedia media, boolean test) {
    }

    /** A stream just created, with its key: the only moment the key is available in clear. */
    public record CreatedStream(StreamRow stream, String streamKey) {
    }

    /** The answer to a publish, and on acceptance the stream it goes live as. */
    public record PublishOutcome(PublishDecision decision, UUID streamId) {
    }

    /** A stream after a partner's change; {@code dropPublisher}: its encoder must leave the edge now. */
    public record Change(StreamRow stream, boolean dropPublisher) {
    }

    /** A stream with a new key (shown once), and whether its live publisher must be dropped. */
    public record RotatedKey(Change change, String streamKey) {
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
    public CreatedStream create(UUID partnerId, NewStream settings) {
        Instant now = Instant.now();
        String key = StreamKeys.generate();
        StreamRow stream = new StreamRow(UUID.randomUUID(), partnerId, settings.name(), StreamState.IDLE, 1,
                settings.reconnectWindowSeconds(), settings.maxDurationSeconds(), settings.passthrough(),
                settings.media(), settings.test(), now, now, null);
        streams.insert(stream, StreamKeys.hash(key));
        outbox.append(new StreamCreated(stream.id().toString(), partnerId.toString(), stream.sequence(), now,
                settings.name(), settings.reconnectWindowSeconds(), settings.test()));
        LOG.infof("stream %s created for partner %s", stream.id(), partnerId);
        return new CreatedStream(stream, key);
    }

    @Transactional
    public Optional<StreamRow> find(UUID partnerId, UUID streamId) {
        return streams.findForPartner(partnerId, streamId);
    }

    /** A page of the partner's streams, optionally in one state, after {@code after}. */
    @Transactional
    public List<StreamRow> page(UUID partnerId, StreamState state, Cursor after, int limit) {
        return streams.page(partnerId, state, after, limit);
    }

    /** The stream's sessions, latest first; empty if the partner has no such stream. */
    @Transactional
    public Optional<List<SessionRow>> sessions(UUID partnerId, UUID streamId, int limit) {
        return streams.findForPartner(partnerId, streamId).map(s -> streams.sessionsOf(s.id(), limit));
    }

    /**
     * New settings for the stream (a null leaves one as it is). A new reconnect window applies from
     * the next interruption, a new maximum duration to the running session too, a new ladder or
     * recording setting from the next session.
     */
    @Transactional
    public Optional<StreamRow> update(UUID partnerId, UUID streamId, String name, Integer reconnectWindowSeconds,
            Integer maxDurationSeconds, String passthrough, LadderSetting ladder, Boolean record) {
        return streams.lockForPartner(partnerId, streamId).map(stream -> {
            StreamRow updated = stream.withSettings(name, reconnectWindowSeconds, maxDurationSeconds, passthrough,
                    ladder, record, Instant.now());
            streams.updateSettings(updated);
            return updated;
        });
    }

    /**
     * Disables the stream: a running session ends ({@code stream.ended}, reason {@code DISABLED}),
     * then {@code stream.disabled}; the key is refused until the stream is enabled. Disabling a
     * disabled stream changes nothing.
     */
    @Transactional
    public Optional<Change> disable(UUID partnerId, UUID streamId) {
        return streams.lockForPartner(partnerId, streamId).map(stream -> {
            if (stream.state() == StreamState.DISABLED) {
                return new Change(stream, false);
            }
            Instant now = Instant.now();
            Change ended = endRunningSession(stream, EndReason.DISABLED, now);
            StreamRow disabled = ended.stream().next(StreamState.DISABLED, now);
            streams.update(disabled);
            outbox.append(new StreamDisabled(stream.id().toString(), stream.partnerId().toString(), disabled.sequence(),
                    now));
            LOG.infof("stream %s disabled", stream.id());
            return new Change(disabled, ended.dropPublisher());
        });
    }

    /** Enables a disabled stream: it is idle again ({@code stream.enabled}); otherwise nothing changes. */
    @Transactional
    public Optional<StreamRow> enable(UUID partnerId, UUID streamId) {
        return streams.lockForPartner(partnerId, streamId).map(stream -> {
            if (stream.state() != StreamState.DISABLED) {
                return stream;
            }
            Instant now = Instant.now();
            StreamRow idle = stream.next(StreamState.IDLE, now);
            streams.update(idle);
            outbox.append(new StreamEnabled(stream.id().toString(), stream.partnerId().toString(), idle.sequence(), now));
            LOG.infof("stream %s enabled", stream.id());
            return idle;
        });
    }

    /**
     * Ends the running session now, even inside the reconnect window ({@code stream.ended}, reason
     * {@code COMPLETED}). The stream can go live again with its key. Without a session nothing changes.
     */
    @Transactional
    public Optional<Change> complete(UUID partnerId, UUID streamId) {
        return streams.lockForPartner(partnerId, streamId)
                .map(stream -> endRunningSession(stream, EndReason.COMPLETED, Instant.now()));
    }

    /**
     * Gives the stream a new key; the old one is refused from this commit on ({@code stream.key-rotated}).
     * A live publisher (which authorised with the old key) is to be dropped: its session is
     * interrupted as if the encoder had left, so an encoder that reconnects with the new key inside
     * the reconnect window continues the same session.
     */
    @Transactional
    public Optional<RotatedKey> resetKey(UUID partnerId, UUID streamId) {
        return streams.lockForPartner(partnerId, streamId).map(stream -> {
            Instant now = Instant.now();
            String key = StreamKeys.generate();
            streams.replaceKey(stream.id(), StreamKeys.hash(key));
            StreamRow rotated = stream.bumped(now);
            streams.update(rotated);
            outbox.append(new StreamKeyRotated(stream.id().toString(), stream.partnerId().toString(),
                    rotated.sequence(), now));
            LOG.infof("stream %s: key reset", stream.id());
            if (rotated.state() != StreamState.LIVE) {
                return new RotatedKey(new Change(rotated, false), key);
            }
            SessionRow session = streams.openSession(stream.id()).orElseThrow(() -> noSession(stream));
            return new RotatedKey(new Change(encoderLost(rotated, session, now), true), key);
        });
    }

    /** Deletes the stream, ending a running session first ({@code stream.ended}, reason {@code DELETED}). */
    @Transactional
    public Optional<Change> delete(UUID partnerId, UUID streamId) {
        return streams.lockForPartner(partnerId, streamId).map(stream -> {
            Instant now = Instant.now();
            Change ended = endRunningSession(stream, EndReason.DELETED, now);
            streams.markDeleted(stream.id(), now, StreamKeys.hash(StreamKeys.generate()));
            LOG.infof("stream %s deleted", stream.id());
            return ended;
        });
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
                sessionId.toString(), stream.media()));
        metrics.sessionStarted();
        LOG.infof("stream %s live, session %s, publisher %s", stream.id(), sessionId, clientAddr);
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
                        .ifPresent(session -> encoderLost(stream, session, Instant.now()));
            }
        });
    }

    /**
     * The edge's on_update for a publisher: whether it may go on. It may if it still feeds the open
     * session of a live stream that has not reached its maximum duration; a session past it ends
     * ({@code MAX_DURATION_REACHED}). The edge drops a publisher that may not go on.
     */
    @Transactional
    public boolean keepPublishing(String streamKey, String edgeClientId) {
        Optional<StreamRow> found = streams.lockByKeyHash(StreamKeys.hash(streamKey));
        if (found.isEmpty() || found.get().state() != StreamState.LIVE) {
            return false;
        }
        StreamRow stream = found.get();
        Optional<SessionRow> session = streams.openSession(stream.id(), edgeClientId);
        if (session.isEmpty()) {
            return false;
        }
        return endIfTooLong(stream, session.get(), Instant.now()).isEmpty();
    }

    /**
     * The edge no longer carries a session the service believes live (its publish-done was lost):
     * the encoder is treated as gone. Changes nothing if the session is no longer the stream's
     * live one, or if it was (re)published less than {@code grace} ago.
     */
    @Transactional
    public boolean encoderVanished(UUID streamId, UUID sessionId, Duration grace) {
        Instant now = Instant.now();
        return streams.lock(streamId)
                .filter(s -> s.state() == StreamState.LIVE && s.updatedAt().isBefore(now.minus(grace)))
                .flatMap(stream -> streams.openSession(stream.id())
                        .filter(open -> open.id().equals(sessionId))
                        .map(open -> {
                            LOG.warnf("stream %s: the edge no longer carries session %s; its publish-done was lost",
                                    streamId, sessionId);
                            encoderLost(stream, open, now);
                            return true;
                        }))
                .orElse(false);
    }

    /**
     * Ends the stream's session if it has run longer than the stream's maximum duration
     * ({@code MAX_DURATION_REACHED}); returns the ended stream, whose publisher must be dropped.
     */
    @Transactional
    public Optional<StreamRow> endIfTooLong(UUID streamId, UUID sessionId) {
        return streams.lock(streamId)
                .filter(s -> s.state() == StreamState.LIVE || s.state() == StreamState.INTERRUPTED)
                .flatMap(stream -> streams.openSession(stream.id())
                        .filter(open -> open.id().equals(sessionId))
                        .flatMap(open -> endIfTooLong(stream, open, Instant.now())));
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
                end(stream, session.get(), EndReason.RECONNECT_WINDOW_EXPIRED, now);
            } else {
                streams.update(stream.next(StreamState.ENDED, now));
            }
        }
        return expired.size();
    }

    private Optional<StreamRow> endIfTooLong(StreamRow stream, SessionRow session, Instant now) {
        if (session.startedAt().plusSeconds(stream.maxDurationSeconds()).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(end(stream, session, EndReason.MAX_DURATION_REACHED, now));
    }

    /** The encoder of a live session is gone: interrupted for the reconnect window, or ended without one. */
    private StreamRow encoderLost(StreamRow stream, SessionRow session, Instant now) {
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

    /** Ends a live or interrupted stream's session for {@code reason}; other streams are left as they are. */
    private Change endRunningSession(StreamRow stream, EndReason reason, Instant now) {
        if (stream.state() != StreamState.LIVE && stream.state() != StreamState.INTERRUPTED) {
            return new Change(stream, false);
        }
        SessionRow session = streams.openSession(stream.id()).orElseThrow(() -> noSession(stream));
        return new Change(end(stream, session, reason, now), stream.state() == StreamState.LIVE);
    }

    private void resume(StreamRow stream, String clientAddr, String edgeClientId, Instant now) {
        SessionRow session = streams.openSession(stream.id()).orElseThrow(() -> noSession(stream));
        StreamRow live = stream.next(StreamState.LIVE, now);
        streams.update(live);
        streams.reassignSession(session.id(), clientAddr, edgeClientId);
        outbox.append(new StreamResumed(stream.id().toString(), stream.partnerId().toString(), live.sequence(), now,
                session.id().toString(), stream.media()));
        LOG.infof("stream %s resumed, session %s, publisher %s", stream.id(), session.id(), clientAddr);
    }

    private StreamRow end(StreamRow stream, SessionRow session, EndReason reason, Instant now) {
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
