package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.StreamStatus;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Streams' current status. Writes apply only an event newer (by sequence) than the one stored. */
@ApplicationScoped
public class StreamStatusRepository {

    /** A stored status with the time it changed. */
    public record Stored(UUID streamId, String state, UUID sessionId, long sequence, Instant updatedAt) {
    }

    private final AgroalDataSource dataSource;

    public StreamStatusRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the status unless a newer one is stored; returns whether it was applied. */
    @Transactional
    public boolean apply(StreamStatus status, Instant at) {
        return Jdbc.update(dataSource, "apply stream status", "INSERT INTO stream_status (stream_id, partner_id, state, "
                + "session_id, last_sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET "
                + "state = EXCLUDED.state, session_id = EXCLUDED.session_id, last_sequence = EXCLUDED.last_sequence, "
                + "updated_at = EXCLUDED.updated_at WHERE stream_status.last_sequence < EXCLUDED.last_sequence",
                UUID.fromString(status.streamId()), UUID.fromString(status.partnerId()), status.state(),
                status.sessionId() == null ? null : UUID.fromString(status.sessionId()), status.sequence(), at) > 0;
    }

    /** The partner's stream's status; another partner's stream is as absent as an unknown one. */
    @Transactional
    public Optional<Stored> find(UUID partnerId, UUID streamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, session_id, last_sequence, updated_at "
                        + "FROM stream_status WHERE stream_id = ? AND partner_id = ?")) {
            s.setObject(1, streamId);
            s.setObject(2, partnerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(streamId, r.getString(1), r.getObject(2, UUID.class), r.getLong(3),
                        Jdbc.instant(r.getTimestamp(4)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find stream status", e);
        }
    }
}
