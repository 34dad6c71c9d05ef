package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.publish.domain.StreamPhase;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code stream} table: what publish-service knows of each stream from {@code stream-lifecycle}
 * and {@code stream-health} (phase, session, title, measurements, slate) and the version of what its
 * pushes can read. Callers run it inside a transaction.
 */
@ApplicationScoped
public class StreamRepository {

    /** This service's view of a stream. */
    public record StreamView(UUID id, UUID partnerId, StreamPhase phase, UUID sessionId, long lastSequence) {

        public boolean isLive() {
            return phase == StreamPhase.LIVE;
        }

        /** Whether the stream is live in this session. */
        public boolean isLiveIn(UUID session) {
            return isLive() && session.equals(sessionId);
        }
    }

    /**
     * The stream's last measurements (null where none yet): keyframe interval, picture size, and when
     * its live session started.
     */
    public record Measured(Double keyframeIntervalSeconds, Integer width, Integer height, Instant sessionStartedAt) {
    }

    private final AgroalDataSource dataSource;

    public StreamRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stream, locked for the rest of the transaction so its events apply one at a time. */
    public Optional<StreamView> lock(UUID id) {
        return Jdbc.list(dataSource, "find stream", "SELECT id, partner_id, state, session_id, last_sequence FROM stream "
                + "WHERE id = ? FOR UPDATE", r -> new StreamView(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                        StreamPhase.valueOf(r.getString(3)), r.getObject(4, UUID.class), r.getLong(5)), id)
                .stream().findFirst();
    }

    public boolean ownedBy(UUID streamId, UUID partnerId) {
        return Jdbc.exists(dataSource, "find stream", "SELECT 1 FROM stream WHERE id = ? AND partner_id = ?",
                streamId, partnerId);
    }

    /** Inserts or replaces the stream's phase and session; callers have checked the sequence. */
    public void save(StreamView stream, Instant at) {
        Jdbc.update(dataSource, "save stream", "INSERT INTO stream (id, partner_id, state, session_id, last_sequence, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, "
                + "session_id = EXCLUDED.session_id, last_sequence = EXCLUDED.last_sequence, "
                + "updated_at = EXCLUDED.updated_at", stream.id(), stream.partnerId(), stream.phase().name(),
                stream.sessionId(), stream.lastSequence(), at);
    }

    public void setTitle(UUID streamId, String title) {
        Jdbc.update(dataSource, "save stream title", "UPDATE stream SET title = ? WHERE id = ?", title, streamId);
    }

    /** The stream's title, for the networks' broadcasts. */
    public Optional<String> title(UUID streamId) {
        return Jdbc.list(dataSource, "find stream title", "SELECT title FROM stream WHERE id = ?", r -> r.getString(1),
                streamId).stream().filter(Objects::nonNull).findFirst();
    }

    public void setKeyframeInterval(UUID streamId, double seconds) {
        Jdbc.update(dataSource, "save keyframe interval", "UPDATE stream SET keyframe_interval_seconds = ? WHERE id = ?",
                seconds, streamId);
    }

    /**
     * Records the live picture's size as measured; returns whether it changed (the stream's sources
     * version is then bumped too).
     */
    public boolean setPicture(UUID streamId, int width, int height) {
        return Jdbc.update(dataSource, "save picture size", "UPDATE stream SET source_width = ?, source_height = ?, "
                + "sources_version = sources_version + 1 WHERE id = ? "
                + "AND (source_width, source_height) IS DISTINCT FROM (?, ?)", width, height, streamId, width, height) > 0;
    }

    /** What the stream's pushes could read changed (a rendition came or went): bumps its sources version. */
    public void sourcesChanged(UUID streamId) {
        Jdbc.update(dataSource, "bump sources", "UPDATE stream SET sources_version = sources_version + 1 WHERE id = ?",
                streamId);
    }

    public Measured measured(UUID streamId) {
        return Jdbc.list(dataSource, "read stream measurements", "SELECT keyframe_interval_seconds, source_width, "
                + "source_height, session_started_at FROM stream WHERE id = ?", r -> new Measured(
                        r.getObject(1, Double.class), r.getObject(2, Integer.class), r.getObject(3, Integer.class),
                        Jdbc.instant(r.getTimestamp(4))), streamId)
                .stream().findFirst().orElse(new Measured(null, null, null, null));
    }

    /** Whether the stream's pushes send the slate (it is interrupted). */
    public boolean onSlate(UUID streamId) {
        return Jdbc.exists(dataSource, "find stream", "SELECT 1 FROM stream WHERE id = ? AND on_slate", streamId);
    }

    public void setOnSlate(UUID streamId, boolean onSlate) {
        Jdbc.update(dataSource, "set slate", "UPDATE stream SET on_slate = ? WHERE id = ?", onSlate, streamId);
    }

    /** Records when a live session started (its {@code stream.started}); its picture is not measured yet. */
    public void sessionStarted(UUID streamId, Instant at) {
        Jdbc.update(dataSource, "save session start", "UPDATE stream SET session_started_at = ?, source_width = NULL, "
                + "source_height = NULL, sources_version = sources_version + 1 WHERE id = ?", at, streamId);
    }
}
