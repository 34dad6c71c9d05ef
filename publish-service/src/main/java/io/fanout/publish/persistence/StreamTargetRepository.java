package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.publish.domain.PushState;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What publish-service knows of streams (from {@code stream-lifecycle}), their targets and the push
 * of each target per session. Callers run it inside a transaction.
 */
@ApplicationScoped
public class StreamTargetRepository {

    /** This service's view of a stream. */
    public record StreamView(UUID id, UUID partnerId, String state, UUID sessionId, long lastSequence) {
    }

    private final AgroalDataSource dataSource;

    public StreamTargetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stream, locked for the rest of the transaction so its events apply one at a time. */
    public Optional<StreamView> lockStream(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, partner_id, state, session_id, last_sequence FROM stream WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StreamView(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                        r.getString(3), r.getObject(4, UUID.class), r.getLong(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find stream", e);
        }
    }

    public boolean streamOwnedBy(UUID streamId, UUID partnerId) {
        return Jdbc.exists(dataSource, "find stream", "SELECT 1 FROM stream WHERE id = ? AND partner_id = ?",
                streamId, partnerId);
    }

    /** Inserts or replaces the stream's state; callers have checked the sequence. */
    public void saveStream(StreamView stream, Instant at) {
        Jdbc.update(dataSource, "save stream", "INSERT INTO stream (id, partner_id, state, session_id, last_sequence, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, "
                + "session_id = EXCLUDED.session_id, last_sequence = EXCLUDED.last_sequence, "
                + "updated_at = EXCLUDED.updated_at", stream.id(), stream.partnerId(), stream.state(), stream.sessionId(),
                stream.lastSequence(), at);
    }

    public void insertTarget(TargetRow t) {
        Jdbc.update(dataSource, "insert target", "INSERT INTO target (id, partner_id, stream_id, destination_id, "
                + "enabled, created_at, match_event_id) VALUES (?, ?, ?, ?, ?, ?, ?)", t.id(), t.partnerId(), t.streamId(),
                t.destinationId(), t.enabled(), t.createdAt(), t.matchEventId());
    }

    public boolean targetExists(UUID streamId, UUID destinationId) {
        return Jdbc.exists(dataSource, "find target", "SELECT 1 FROM target WHERE stream_id = ? AND destination_id = ?",
                streamId, destinationId);
    }

    public List<TargetRow> targets(UUID streamId, boolean enabledOnly) {
        return Jdbc.list(dataSource, "list targets", "SELECT " + TargetRow.COLUMNS + " FROM target WHERE stream_id = ?"
                + (enabledOnly ? " AND enabled" : "") + " ORDER BY created_at, id", TargetRow::read, streamId);
    }

    /** The stream's target with this id, if there is one. */
    public Optional<TargetRow> target(UUID streamId, UUID targetId) {
        return targets(streamId, false).stream().filter(t -> t.id().equals(targetId)).findFirst();
    }

    public void setTargetEnabled(UUID targetId, boolean enabled) {
        Jdbc.update(dataSource, "enable target", "UPDATE target SET enabled = ? WHERE id = ?", enabled, targetId);
    }

    /** Removes the target and the record of its pushes. */
    public void deleteTarget(UUID targetId) {
        Jdbc.update(dataSource, "delete pushes", "DELETE FROM push WHERE target_id = ?", targetId);
        Jdbc.update(dataSource, "delete target", "DELETE FROM target WHERE id = ?", targetId);
    }

    /** The push of a target in a session, if there is one: its state and attempt. */
    public Optional<PushRecord> push(UUID targetId, UUID sessionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT state, attempt FROM push WHERE target_id = ? AND session_id = ? FOR UPDATE")) {
            s.setObject(1, targetId);
            s.setObject(2, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new PushRecord(targetId, sessionId, PushState.valueOf(r.getString(1)),
                        r.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find push", e);
        }
    }

    /**
     * Saves the push's state as of {@code at}. A new attempt ({@code STARTING}) starts its progress
     * from zero; a push that is not broadcasting has no bitrate.
     */
    public void savePush(PushRecord push, Instant at) {
        Jdbc.update(dataSource, "save push", "INSERT INTO push (target_id, session_id, state, attempt, updated_at, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_id, session_id) DO UPDATE SET state = EXCLUDED.state, "
                + "attempt = EXCLUDED.attempt, updated_at = EXCLUDED.updated_at, "
                + "reason = COALESCE(EXCLUDED.reason, push.reason), "
                + "bytes_sent = CASE WHEN EXCLUDED.state = 'STARTING' THEN 0 ELSE push.bytes_sent END, "
                + "bitrate_kbps = CASE WHEN EXCLUDED.state = 'BROADCASTING' THEN push.bitrate_kbps ELSE 0 END",
                push.targetId(), push.sessionId(), push.state().name(), push.attempt(), at, push.reason());
    }

    public void setTitle(UUID streamId, String title) {
        Jdbc.update(dataSource, "save stream title", "UPDATE stream SET title = ? WHERE id = ?", title, streamId);
    }

    /** The stream's title, for the networks' broadcasts. */
    public Optional<String> title(UUID streamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT title FROM stream WHERE id = ?")) {
            s.setObject(1, streamId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find stream title", e);
        }
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

    /**
     * The stream's last measurements (null where none yet): keyframe interval, picture size, and when
     * its live session started.
     */
    public record Measured(Double keyframeIntervalSeconds, Integer width, Integer height, Instant sessionStartedAt) {
    }

    public Measured measured(UUID streamId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT keyframe_interval_seconds, source_width, source_height, session_started_at FROM stream WHERE id = ?")) {
            s.setObject(1, streamId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new Measured(null, null, null, null);
                }
                return new Measured(r.getObject(1, Double.class), r.getObject(2, Integer.class),
                        r.getObject(3, Integer.class), Jdbc.instant(r.getTimestamp(4)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read stream measurements", e);
        }
    }

    /** The push's preflight violations as stored (a JSON array), empty when it has none or no push exists. */
    public String preflight(UUID targetId, UUID sessionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT preflight FROM push WHERE target_id = ? AND session_id = ?")) {
            Jdbc.bind(s, targetId, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "[]";
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read preflight", e);
        }
    }

    public void setPreflight(UUID targetId, UUID sessionId, String violations) {
        Jdbc.update(dataSource, "save preflight", "UPDATE push SET preflight = ? WHERE target_id = ? AND session_id = ?",
                violations, targetId, sessionId);
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

    /**
     * Marks the push's first broadcast in its session; returns when its go-live began (the later of
     * the session's start and the push's first plan), or empty if it had broadcast before.
     */
    public Optional<Instant> firstBroadcast(UUID targetId, UUID sessionId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE push p SET first_broadcast_at = ? FROM target t, stream s "
                        + "WHERE t.id = p.target_id AND s.id = t.stream_id AND p.target_id = ? AND p.session_id = ? "
                        + "AND p.first_broadcast_at IS NULL RETURNING greatest(s.session_started_at, p.created_at)")) {
            Jdbc.bind(s, at, targetId, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(Jdbc.instant(r.getTimestamp(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("mark first broadcast", e);
        }
    }

    /** A count of pushes in live sessions, by state and network. */
    public record PushCount(PushState state, String network, long count) {
    }

    /** The pushes of every stream's live session, counted by state and network. */
    public List<PushCount> countLivePushes() {
        String sql = "SELECT p.state, d.network, count(*) FROM push p JOIN target t ON t.id = p.target_id "
                + "JOIN stream s ON s.id = t.stream_id JOIN destination d ON d.id = t.destination_id "
                + "WHERE s.state = 'LIVE' AND s.session_id = p.session_id GROUP BY p.state, d.network";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            List<PushCount> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new PushCount(PushState.valueOf(r.getString(1)), r.getString(2), r.getLong(3)));
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("count pushes", e);
        }
    }

    /** A push's state as stored. */
    /** A push's state and attempt; {@code reason} why it came to this state (null: the last reason stays). */
    public record PushRecord(UUID targetId, UUID sessionId, PushState state, int attempt, String reason) {

        public PushRecord(UUID targetId, UUID sessionId, PushState state, int attempt) {
            this(targetId, sessionId, state, attempt, null);
        }
    }

    /**
     * A push that should be running: active, of an enabled target, in its stream's live session.
     * {@code sourcesVersion} is its stream's (see {@link #sourcesChanged}).
     */
    public record ActivePush(UUID targetId, UUID sessionId, UUID streamId, PushState state, Instant updatedAt,
            long sourcesVersion) {
    }

    /** Every push that should be running now, across all streams. */
    public List<ActivePush> activePushes() {
        String sql = "SELECT p.target_id, p.session_id, t.stream_id, p.state, p.updated_at, s.sources_version FROM push p "
                + "JOIN target t ON t.id = p.target_id JOIN stream s ON s.id = t.stream_id "
                + "WHERE p.state IN ('STARTING', 'BROADCASTING', 'RETRYING') AND t.enabled "
                + "AND s.state = 'LIVE' AND s.session_id = p.session_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            List<ActivePush> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new ActivePush(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                        PushState.valueOf(r.getString(4)), Jdbc.instant(r.getTimestamp(5)), r.getLong(6)));
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("list active pushes", e);
        }
    }
}
