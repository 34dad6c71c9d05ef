package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamDisabled;
import io.fanout.contracts.stream.StreamEnabled;
import io.fanout.contracts.stream.StreamKeyRotated;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.edge.EdgeClient;
import io.fanout.ingest.persistence.SessionRow;
import io.fanout.ingest.persistence.StreamRepository;
import io.fanout.ingest.persistence.StreamRepository.Cursor;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.ingest.service.SessionLifecycle.Change;
import io.fanout.servicekit.outbox.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A partner's calls on its streams: create, read, settings, disable, enable, complete, key reset,
 * delete. Each change and its event are written in one transaction (the event through the outbox),
 * so an event exists exactly for the changes that were committed. A change that takes a live
 * stream's encoder off the edge drops it after the commit, so the edge's publish-done finds the
 * change done.
 */
@ApplicationScoped
public class StreamCommands {

    /** The settings a partner gives a new stream. */
    public record NewStream(String name, int reconnectWindowSeconds, int maxDurationSeconds, String passthrough,
            StreamMedia media, boolean test) {
    }

    /** A stream just created, with its key: the only moment the key is available in clear. */
    public record CreatedStream(StreamRow stream, String streamKey) {
    }

    /** A stream with a new key, shown once. */
    public record RotatedKey(StreamRow stream, String streamKey) {
    }

    private record Rotation(Change change, String streamKey) {
    }

    private static final Logger LOG = Logger.getLogger(StreamCommands.class);

    private final StreamRepository streams;
    private final SessionLifecycle sessions;
    private final OutboxRepository outbox;
    private final EdgeClient edge;

    public StreamCommands(StreamRepository streams, SessionLifecycle sessions, OutboxRepository outbox, EdgeClient edge) {
        this.streams = streams;
        this.sessions = sessions;
        this.outbox = outbox;
        this.edge = edge;
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
    public Optional<StreamRow> disable(UUID partnerId, UUID streamId) {
        return committed(QuarkusTransaction.requiringNew().call(() -> streams.lockForPartner(partnerId, streamId).map(stream -> {
            if (stream.state() == StreamState.DISABLED) {
                return new Change(stream, false);
            }
            Instant now = Instant.now();
            Change ended = sessions.endRunning(stream, EndReason.DISABLED, now);
            StreamRow disabled = ended.stream().next(StreamState.DISABLED, now);
            streams.update(disabled);
            outbox.append(new StreamDisabled(stream.id().toString(), stream.partnerId().toString(), disabled.sequence(),
                    now));
            LOG.infof("stream %s disabled", stream.id());
            return new Change(disabled, ended.dropPublisher());
        })));
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
    public Optional<StreamRow> complete(UUID partnerId, UUID streamId) {
        return committed(QuarkusTransaction.requiringNew().call(() -> streams.lockForPartner(partnerId, streamId)
                .map(stream -> sessions.endRunning(stream, EndReason.COMPLETED, Instant.now()))));
    }

    /**
     * Gives the stream a new key; the old one is refused from this commit on ({@code stream.key-rotated}).
     * A live publisher (which authorised with the old key) is dropped: its session is interrupted as
     * if the encoder had left, so an encoder that reconnects with the new key inside the reconnect
     * window continues the same session.
     */
    public Optional<RotatedKey> resetKey(UUID partnerId, UUID streamId) {
        Optional<Rotation> rotation = QuarkusTransaction.requiringNew().call(() -> streams
                .lockForPartner(partnerId, streamId).map(stream -> {
                    Instant now = Instant.now();
                    String key = StreamKeys.generate();
                    streams.replaceKey(stream.id(), StreamKeys.hash(key));
                    StreamRow rotated = stream.bumped(now);
                    streams.update(rotated);
                    outbox.append(new StreamKeyRotated(stream.id().toString(), stream.partnerId().toString(),
                            rotated.sequence(), now));
                    LOG.infof("stream %s: key reset", stream.id());
                    if (rotated.state() != StreamState.LIVE) {
                        return new Rotation(new Change(rotated, false), key);
                    }
                    return new Rotation(new Change(sessions.encoderLost(rotated, now), true), key);
                }));
        return rotation.map(r -> new RotatedKey(committed(r.change()), r.streamKey()));
    }

    /** Deletes the stream, ending a running session first ({@code stream.ended}, reason {@code DELETED}). */
    public boolean delete(UUID partnerId, UUID streamId) {
        return committed(QuarkusTransaction.requiringNew().call(() -> streams.lockForPartner(partnerId, streamId)
                .map(stream -> {
                    Instant now = Instant.now();
                    Change ended = sessions.endRunning(stream, EndReason.DELETED, now);
                    streams.markDeleted(stream.id(), now, StreamKeys.hash(StreamKeys.generate()));
                    LOG.infof("stream %s deleted", stream.id());
                    return ended;
                }))).isPresent();
    }

    private Optional<StreamRow> committed(Optional<Change> change) {
        return change.map(this::committed);
    }

    /** After the commit: drops the publisher on the edge when the change asks for it. */
    private StreamRow committed(Change change) {
        if (change.dropPublisher()) {
            edge.dropPublisher(change.stream().id().toString());
        }
        return change.stream();
    }
}
