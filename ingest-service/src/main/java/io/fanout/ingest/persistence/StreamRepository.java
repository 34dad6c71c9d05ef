package io.fanout.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.ingest.domain.StreamState;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Streams and their sessions. Every read that precedes a state change locks the stream row
 * ({@code FOR UPDATE}) so two hooks or API calls for the same stream are applied one after the
 * other. A deleted stream is invisible to every read. Callers run it inside a transaction.
 */
@ApplicationScoped
public class StreamRepository {

    /** Where a page of a partner's streams starts: after this stream in creation order. */
    public record Cursor(Instant createdAt, UUID id) {
    }

    /** The open session of a live stream. */
    public record LiveSession(UUID streamId, UUID partnerId, UUID sessionId) {
    }

    private static final String COLUMNS = "id, partner_id, name, state, sequence, reconnect_window_seconds, "
            + "max_duration_seconds, passthrough, ladder, record, test, created_at, updated_at, reconnect_deadline";
    private static final String SESSION_COLUMNS = "id, stream_id, started_at, ended_at, end_reason, edge_client_id, "
            + "bytes_in, peak_bitrate_kbps, recording_url, recording_seconds";
    private static final String VISIBLE = " deleted_at IS NULL ";

    private final AgroalDataSource dataSource;

    public StreamRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(StreamRow stream, byte[] keyHash) {
        Jdbc.update(dataSource, "insert stream", "INSERT INTO stream (" + COLUMNS + ", stream_key_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stream.id(), stream.partnerId(), stream.name(),
                stream.state().name(), stream.sequence(), stream.reconnectWindowSeconds(), stream.maxDurationSeconds(),
                stream.passthrough(), stream.media().ladder().name(), stream.media().record(), stream.test(), stream.createdAt(), stream.updatedAt(), stream.reconnectDeadline(),
                keyHash);
    }

    /** The partner's stream with this id; another partner's stream is as absent as an unknown one. */
    public Optional<StreamRow> findForPartner(UUID partnerId, UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE partner_id = ? AND id = ? AND" + VISIBLE,
                partnerId, id);
    }

    /** As {@link #findForPartner}, locked for the rest of the transaction. */
    public Optional<StreamRow> lockForPartner(UUID partnerId, UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE partner_id = ? AND id = ? AND" + VISIBLE
                + "FOR UPDATE", partnerId, id);
    }

    /** The stream with this id, whoever owns it, locked. */
    public Optional<StreamRow> lock(UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE id = ? AND" + VISIBLE + "FOR UPDATE", id);
    }

    /**
     * A page of the partner's streams in creation order, optionally only those in {@code state},
     * starting after {@code after} (null: from the first).
     */
    public List<StreamRow> page(UUID partnerId, StreamState state, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM stream WHERE partner_id = ? AND" + VISIBLE);
        List<Object> parameters = new ArrayList<>(List.of(partnerId));
        if (state != null) {
            sql.append("AND state = ? ");
            parameters.add(state.name());
        }
        if (after != null) {
            sql.append("AND (created_at, id) > (?, ?) ");
            parameters.add(after.createdAt());
            parameters.add(after.id());
        }
        sql.append("ORDER BY created_at, id LIMIT ?");
        parameters.add(limit);
        return queryAll(sql.toString(), parameters.toArray());
    }

    /** The stream whose key hashes to {@code keyHash}, locked for the rest of the transaction. */
    public Optional<StreamRow> lockByKeyHash(byte[] keyHash) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE stream_key_hash = ? AND" + VISIBLE + "FOR UPDATE",
                keyHash);
    }

    /** Writes a lifecycle change: state, sequence and reconnect deadline. */
    public void update(StreamRow stream) {
        Jdbc.update(dataSource, "update stream",
                "UPDATE stream SET state = ?, sequence = ?, updated_at = ?, reconnect_deadline = ? WHERE id = ?",
                stream.state().name(), stream.sequence(), stream.updatedAt(), stream.reconnectDeadline(), stream.id());
    }

    /** Writes the partner's settings of the stream. */
    public void updateSettings(StreamRow stream) {
        Jdbc.update(dataSource, "update stream settings", "UPDATE stream SET name = ?, reconnect_window_seconds = ?, "
                + "max_duration_seconds = ?, passthrough = ?, ladder = ?, record = ?, updated_at = ? WHERE id = ?",
                stream.name(), stream.reconnectWindowSeconds(), stream.maxDurationSeconds(), stream.passthrough(),
                stream.media().ladder().name(), stream.media().record(), stream.updatedAt(), stream.id());
    }

    public void replaceKey(UUID streamId, byte[] keyHash) {
        Jdbc.update(dataSource, "replace stream key", "UPDATE stream SET stream_key_hash = ? WHERE id = ?",
                keyHash, streamId);
    }

    /** Hides the stream from every read; {@code deadKeyHash} replaces its key's hash. */
    public void markDeleted(UUID streamId, Instant at, byte[] deadKeyHash) {
        Jdbc.update(dataSource, "delete stream", "UPDATE stream SET deleted_at = ?, updated_at = ?, "
                + "stream_key_hash = ?, reconnect_deadline = NULL WHERE id = ?", at, at, deadKeyHash, streamId);
    }

    /**
     * Interrupted streams whose reconnect deadline has passed, locked; rows another transaction holds
     * are skipped (another instance is ending them).
     */
    public List<StreamRow> lockExpiredWindows(Instant now, int limit) {
        return queryAll("SELECT " + COLUMNS + " FROM stream WHERE state = 'INTERRUPTED' AND reconnect_deadline <= ? AND"
                + VISIBLE + "ORDER BY reconnect_deadline LIMIT ? FOR UPDATE SKIP LOCKED", now, limit);
    }

    /** How many streams are in each state. */
    public Map<StreamState, Long> countByState() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM stream WHERE" + VISIBLE
                        + "GROUP BY state");
                ResultSet rows = s.executeQuery()) {
            Map<StreamState, Long> counts = new EnumMap<>(StreamState.class);
            while (rows.next()) {
                counts.put(StreamState.valueOf(rows.getString(1)), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.failure("count streams", e);
        }
    }

    public void openSession(UUID sessionId, UUID streamId, Instant at, String clientAddr, String edgeClientId) {
        Jdbc.update(dataSource, "open session", "INSERT INTO stream_session "
                + "(id, stream_id, started_at, client_addr, edge_client_id) VALUES (?, ?, ?, ?, ?)",
                sessionId, streamId, at, clientAddr, edgeClientId);
    }

    /** The stream's open session, whoever publishes it. */
    public Optional<SessionRow> openSession(UUID streamId) {
        return sessions("SELECT " + SESSION_COLUMNS + " FROM stream_session WHERE stream_id = ? AND ended_at IS NULL",
                streamId).stream().findFirst();
    }

    /** The open sessions of live streams: what the edge should be carrying now. */
    public List<LiveSession> liveSessions() {
        return query("SELECT s.id, s.partner_id, ss.id FROM stream_session ss JOIN stream s ON s.id = ss.stream_id "
                + "WHERE ss.ended_at IS NULL AND s.state = 'LIVE' AND s.deleted_at IS NULL",
                rows -> new LiveSession(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class)));
    }

    /** The stream's sessions, latest first. */
    public List<SessionRow> sessionsOf(UUID streamId, int limit) {
        return sessions("SELECT " + SESSION_COLUMNS + " FROM stream_session WHERE stream_id = ? "
                + "ORDER BY started_at DESC, id LIMIT ?", streamId, limit);
    }

    /** The edge client now publishing a resumed session; what earlier publishers sent is kept. */
    public void reassignSession(UUID sessionId, String clientAddr, String edgeClientId) {
        Jdbc.update(dataSource, "reassign session", "UPDATE stream_session SET client_addr = ?, edge_client_id = ?, "
                + "bytes_before_publisher = bytes_in WHERE id = ?", clientAddr, edgeClientId, sessionId);
    }

    /** The open session of a stream, if it is the one the edge knows as {@code edgeClientId}. */
    public Optional<SessionRow> openSession(UUID streamId, String edgeClientId) {
        return sessions("SELECT " + SESSION_COLUMNS + " FROM stream_session WHERE stream_id = ? AND ended_at IS NULL "
                + "AND edge_client_id IS NOT DISTINCT FROM ?", streamId, edgeClientId).stream().findFirst();
    }

    /** The session's recording; false when the stream has no such session. */
    public boolean recordSessionRecording(UUID streamId, UUID sessionId, String url, double seconds) {
        return Jdbc.update(dataSource, "record session recording", "UPDATE stream_session SET recording_url = ?, "
                + "recording_seconds = ? WHERE id = ? AND stream_id = ?", url, seconds, sessionId, streamId) > 0;
    }

    public void closeSession(UUID sessionId, Instant at, String reason) {
        Jdbc.update(dataSource, "close session", "UPDATE stream_session SET ended_at = ?, end_reason = ? WHERE id = ?",
                at, reason, sessionId);
    }

    /** What the edge counted for the session's current publisher, and a bitrate it measured. */
    public void recordTraffic(UUID sessionId, long publisherBytes, long bitrateKbps) {
        Jdbc.update(dataSource, "record session traffic", "UPDATE stream_session SET "
                + "bytes_in = GREATEST(bytes_in, bytes_before_publisher + ?), "
                + "peak_bitrate_kbps = GREATEST(peak_bitrate_kbps, ?) WHERE id = ?", publisherBytes, bitrateKbps,
                sessionId);
    }

    private Optional<StreamRow> queryOne(String sql, Object... parameters) {
        return queryAll(sql, parameters).stream().findFirst();
    }

    private List<StreamRow> queryAll(String sql, Object... parameters) {
        return query(sql, StreamRepository::map, parameters);
    }

    private List<SessionRow> sessions(String sql, Object... parameters) {
        return query(sql, StreamRepository::mapSession, parameters);
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(mapper.map(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("read streams", e);
        }
    }

    private static StreamRow map(ResultSet rows) throws SQLException {
        return new StreamRow(
                rows.getObject("id", UUID.class),
                rows.getObject("partner_id", UUID.class),
                rows.getString("name"),
                StreamState.valueOf(rows.getString("state")),
                rows.getLong("sequence"),
                rows.getInt("reconnect_window_seconds"),
                rows.getInt("max_duration_seconds"),
                rows.getString("passthrough"),
                new StreamMedia(LadderSetting.valueOf(rows.getString("ladder")), rows.getBoolean("record")),
                rows.getBoolean("test"),
                Jdbc.instant(rows.getTimestamp("created_at")),
                Jdbc.instant(rows.getTimestamp("updated_at")),
                Jdbc.instant(rows.getTimestamp("reconnect_deadline")));
    }

    private static SessionRow mapSession(ResultSet rows) throws SQLException {
        return new SessionRow(
                rows.getObject("id", UUID.class),
                rows.getObject("stream_id", UUID.class),
                Jdbc.instant(rows.getTimestamp("started_at")),
                Jdbc.instant(rows.getTimestamp("ended_at")),
                rows.getString("end_reason"),
                rows.getString("edge_client_id"),
                rows.getLong("bytes_in"),
                rows.getLong("peak_bitrate_kbps"),
                rows.getString("recording_url"),
                rows.getObject("recording_seconds", Double.class));
    }
}
