package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.publish.domain.PushState;
import io.fanout.publish.domain.PushStatus;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a partner sees of each push of a session ({@code push} with its {@code network_broadcast}):
 * state, attempt, last reason, since when, and the current attempt's progress, which the runner's
 * reports write here every few seconds.
 */
@ApplicationScoped
public class PushStatusRepository {

    private final AgroalDataSource dataSource;

    public PushStatusRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current attempt's bytes written and bitrate, as of {@code at} (a push no longer broadcasting keeps its own). */
    public void progress(UUID targetId, UUID sessionId, long bytesSent, int bitrateKbps, Instant at) {
        Jdbc.update(dataSource, "save push progress", "UPDATE push SET bytes_sent = ?, bitrate_kbps = ?, progress_at = ? "
                + "WHERE target_id = ? AND session_id = ? AND state IN ('BROADCASTING', 'DEGRADED')", bytesSent, bitrateKbps, at, targetId,
                sessionId);
    }

    /** The pushes of the stream's current (or last) session, by target. */
    public Map<UUID, PushStatus> ofCurrentSession(UUID streamId) {
        Map<UUID, PushStatus> byTarget = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT p.target_id, p.state, p.attempt, p.reason, p.updated_at, p.bytes_sent, p.bitrate_kbps, "
                        + "p.progress_at, b.broadcast_id, b.live_at, b.ended_at FROM push p JOIN target t ON t.id = p.target_id "
                        + "LEFT JOIN network_broadcast b ON b.target_id = p.target_id AND b.session_id = p.session_id "
                        + "WHERE t.stream_id = ? AND p.session_id = (SELECT session_id FROM stream WHERE id = ?)")) {
            Jdbc.bind(s, streamId, streamId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String broadcast = r.getString(9);
                    String broadcastState = broadcast == null ? null
                            : r.getTimestamp(11) != null ? "ended" : r.getTimestamp(10) != null ? "live" : "created";
                    byTarget.put(r.getObject(1, UUID.class), new PushStatus(PushState.valueOf(r.getString(2)), r.getInt(3),
                            r.getString(4), instant(r.getTimestamp(5)), r.getLong(6), r.getInt(7), instant(r.getTimestamp(8)),
                            broadcast, broadcastState));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read push status", e);
        }
        return byTarget;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
