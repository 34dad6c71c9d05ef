package io.fanout.catalog.persistence;

import com.fasterxml.jackson.databind.ObjectReader;
import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.StreamState;
import io.fanout.catalog.domain.StreamStatus;
import io.fanout.contracts.Json;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Streams' current status ({@code stream_status}) and their last health measurement. A status
 * applies only if it is newer (by sequence) than the one stored.
 */
@ApplicationScoped
public class StreamStatusRepository {

    private static final ObjectReader HEALTH = Json.mapper().readerFor(Health.class);

    /** A stream's last health measurement, as the live view shows it. */
    public record Health(String videoCodec, String audioCodec, int width, int height, double fps, long bitrateKbps,
            double keyframeIntervalSeconds, List<String> warnings, Instant measuredAt) {
    }

    /** A stored status with the time it changed and the last health measurement (null before one). */
    public record Stored(UUID streamId, UUID partnerId, StreamState state, UUID sessionId, long sequence, Instant updatedAt,
            Health health) {
    }

    private static final String COLUMNS = "stream_id, partner_id, state, session_id, last_sequence, updated_at, health";

    private final AgroalDataSource dataSource;

    public StreamStatusRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stream's status, locked for the rest of the transaction. */
    public Optional<Stored> lock(UUID streamId) {
        return one("SELECT " + COLUMNS + " FROM stream_status WHERE stream_id = ? FOR UPDATE", streamId);
    }

    /** Stores the status unless a newer one is stored; returns whether it was applied. */
    public boolean apply(StreamStatus status, Instant at) {
        return Jdbc.update(dataSource, "apply stream status", "INSERT INTO stream_status (stream_id, partner_id, state, "
                + "session_id, last_sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET "
                + "state = EXCLUDED.state, session_id = EXCLUDED.session_id, last_sequence = EXCLUDED.last_sequence, "
                + "updated_at = EXCLUDED.updated_at WHERE stream_status.last_sequence < EXCLUDED.last_sequence",
                UUID.fromString(status.streamId()), UUID.fromString(status.partnerId()), status.state().name(),
                status.sessionId() == null ? null : UUID.fromString(status.sessionId()), status.sequence(), at) > 0;
    }

    /** Keeps a newer health measurement of a known stream. */
    public void health(UUID streamId, Health health) {
        Jdbc.update(dataSource, "save stream health", "UPDATE stream_status SET health = CAST(? AS jsonb), health_at = ? "
                + "WHERE stream_id = ? AND (health_at IS NULL OR health_at <= ?)", JsonColumns.write(health),
                health.measuredAt(), streamId, health.measuredAt());
    }

    /** The partner's stream's status; another partner's stream is as absent as an unknown one. */
    public Optional<Stored> find(UUID partnerId, UUID streamId) {
        return one("SELECT " + COLUMNS + " FROM stream_status WHERE stream_id = ? AND partner_id = ?", streamId, partnerId);
    }

    private Optional<Stored> one(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String health = r.getString(7);
                return Optional.of(new Stored(r.getObject(1, UUID.class), r.getObject(2, UUID.class),
                        StreamState.valueOf(r.getString(3)), r.getObject(4, UUID.class), r.getLong(5),
                        Jdbc.instant(r.getTimestamp(6)),
                        health == null ? null : JsonColumns.read(health, HEALTH)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find stream status", e);
        }
    }
}
