package io.fanout.ingest.persistence;

import io.agroal.api.AgroalDataSource;
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
 * ({@code FOR UPDATE}) so two hooks for the same stream are applied one after the other.
 * Callers run it inside a transaction.
 */
@ApplicationScoped
public class StreamRepository {

    private static final String COLUMNS = "id, partner_id, name, state, sequence, reconnect_window_seconds, test, "
            + "created_at, updated_at, reconnect_deadline";

    private final AgroalDataSource dataSource;

    public StreamRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(StreamRow stream, byte[] keyHash) {
        Jdbc.update(dataSource, "insert stream", "INSERT INTO stream (" + COLUMNS + ", stream_key_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stream.id(), stream.partnerId(), stream.name(),
                stream.state().name(), stream.sequence(), stream.reconnectWindowSeconds(), stream.test(),
                stream.createdAt(), stream.updatedAt(), stream.reconnectDeadline(), keyHash);
    }

    /** The partner's stream with this id; another partner's stream is as absent as an unknown one. */
    public Optional<StreamRow> findForPartner(UUID partnerId, UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE partner_id = ? AND id = ?", partnerId, id);
    }

    public List<StreamRow> listForPartner(UUID partnerId, int limit) {
        return queryAll("SELECT " + COLUMNS + " FROM stream WHERE partner_id = ? ORDER BY created_at, id LIMIT ?",
                partnerId, limit);
    }

    /** The stream whose key hashes to {@code keyHash}, locked for the rest of the transaction. */
    public Optional<StreamRow> lockByKeyHash(byte[] keyHash) {
        return queryOne("SELECT " + COLUMNS + " FROM stream WHERE stream_key_hash = ? FOR UPDATE", keyHash);
    }

    public void update(StreamRow stream) {
        Jdbc.update(dataSource, "update stream",
                "UPDATE stream SET state = ?, sequence = ?, updated_at = ?, reconnect_deadline = ? WHERE id = ?",
                stream.state().name(), stream.sequence(), stream.updatedAt(), stream.reconnectDeadline(), stream.id());
    }

    public void openSession(UUID sessionId, UUID streamId, Instant at, String clientAddr, String edgeClientId) {
        Jdbc.update(dataSource, "open session", "INSERT INTO stream_session "
                + "(id, stream_id, started_at, client_addr, edge_client_id) VALUES (?, ?, ?, ?, ?)",
                sessionId, streamId, at, clientAddr, edgeClientId);
    }

    /**
     * Interrupted streams whose reconnect deadline has passed, locked; rows another transaction holds
     * are skipped (another instance is ending them).
     */
    public List<StreamRow> lockExpiredWindows(Instant now, int limit) {
        return queryAll("SELECT " + COLUMNS + " FROM stream WHERE state = 'INTERRUPTED' AND reconnect_deadline <= ? "
                + "ORDER BY reconnect_deadline LIMIT ? FOR UPDATE SKIP LOCKED", now, limit);
    }

    /** How many streams are in each state. */
    public Map<StreamState, Long> countByState() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM stream GROUP BY state");
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

    /** The stream's open session, whoever publishes it. */
    public Optional<UUID> openSession(UUID streamId) {
        return sessionId("SELECT id FROM stream_session WHERE stream_id = ? AND ended_at IS NULL", streamId);
    }

    /** The edge client now publishing a resumed session. */
    public void reassignSession(UUID sessionId, String clientAddr, String edgeClientId) {
        Jdbc.update(dataSource, "reassign session", "UPDATE stream_session SET client_addr = ?, edge_client_id = ? "
                + "WHERE id = ?", clientAddr, edgeClientId, sessionId);
    }

    /** The open session of a stream, if it is the one the edge knows as {@code edgeClientId}. */
    public Optional<UUID> openSession(UUID streamId, String edgeClientId) {
        return sessionId("SELECT id FROM stream_session WHERE stream_id = ? AND ended_at IS NULL "
                + "AND edge_client_id IS NOT DISTINCT FROM ?", streamId, edgeClientId);
    }

    public void closeSession(UUID sessionId, Instant at, String reason) {
        Jdbc.update(dataSource, "close session", "UPDATE stream_session SET ended_at = ?, end_reason = ? WHERE id = ?",
                at, reason, sessionId);
    }

    private Optional<StreamRow> queryOne(String sql, Object... parameters) {
        return queryAll(sql, parameters).stream().findFirst();
    }

    private List<StreamRow> queryAll(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            List<StreamRow> streams = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    streams.add(map(rows));
                }
            }
            return streams;
        } catch (SQLException e) {
            throw Jdbc.failure("read streams", e);
        }
    }

    private Optional<UUID> sessionId(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find session", e);
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
                rows.getBoolean("test"),
                Jdbc.instant(rows.getTimestamp("created_at")),
                Jdbc.instant(rows.getTimestamp("updated_at")),
                Jdbc.instant(rows.getTimestamp("reconnect_deadline")));
    }
}
