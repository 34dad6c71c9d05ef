package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The networks' broadcasts of push sessions ({@code network_broadcast}); the key stays encrypted. */
@ApplicationScoped
public class NetworkBroadcastRepository {

    /** A stored broadcast: its id on the network, where to push (key encrypted), a second id, when it went live and ended. */
    public record BroadcastRow(UUID targetId, UUID sessionId, String broadcastId, String ingestUrl, byte[] keyCiphertext,
            String keyId, String streamRef, Instant liveAt, Instant endedAt) {
    }

    private final AgroalDataSource dataSource;

    public NetworkBroadcastRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(BroadcastRow b) {
        Jdbc.update(dataSource, "save network broadcast", "INSERT INTO network_broadcast (target_id, session_id, "
                + "broadcast_id, ingest_url, key_ciphertext, key_id, stream_ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (target_id, session_id) DO NOTHING", b.targetId(), b.sessionId(), b.broadcastId(),
                b.ingestUrl(), b.keyCiphertext(), b.keyId(), b.streamRef(), Instant.now());
    }

    public Optional<BroadcastRow> find(UUID targetId, UUID sessionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT broadcast_id, ingest_url, key_ciphertext, key_id, stream_ref, live_at, ended_at "
                        + "FROM network_broadcast WHERE target_id = ? AND session_id = ?")) {
            Jdbc.bind(s, targetId, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new BroadcastRow(targetId, sessionId, r.getString(1), r.getString(2),
                        r.getBytes(3), r.getString(4), r.getString(5), Jdbc.instant(r.getTimestamp(6)),
                        Jdbc.instant(r.getTimestamp(7)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find network broadcast", e);
        }
    }

    /** Puts a new broadcast of the network in place of the session's one, which the network ended. */
    public void replace(BroadcastRow b) {
        Jdbc.update(dataSource, "replace network broadcast", "UPDATE network_broadcast SET broadcast_id = ?, "
                + "ingest_url = ?, key_ciphertext = ?, key_id = ?, stream_ref = ?, live_at = NULL, ended_at = NULL "
                + "WHERE target_id = ? AND session_id = ?", b.broadcastId(), b.ingestUrl(), b.keyCiphertext(), b.keyId(),
                b.streamRef(), b.targetId(), b.sessionId());
    }

    public void markLive(UUID targetId, UUID sessionId) {
        Jdbc.update(dataSource, "mark broadcast live", "UPDATE network_broadcast SET live_at = ? "
                + "WHERE target_id = ? AND session_id = ? AND live_at IS NULL", Instant.now(), targetId, sessionId);
    }

    /** Marks the broadcast ended; false if it already was (or there is none), so it is ended once. */
    public boolean markEnded(UUID targetId, UUID sessionId) {
        return Jdbc.update(dataSource, "mark broadcast ended", "UPDATE network_broadcast SET ended_at = ? "
                + "WHERE target_id = ? AND session_id = ? AND ended_at IS NULL", Instant.now(), targetId, sessionId) == 1;
    }
}
