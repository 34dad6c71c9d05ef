package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.PushState;
import io.fanout.catalog.domain.PushStatus;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Each target's push as {@code push-status} last told it ({@code push_status}). An event older than
 * the stored one changes nothing (a replay or a late copy); {@code since} is when the push entered
 * its present state, kept while events repeat that state; a preflight report changes only the
 * violations.
 */
@ApplicationScoped
public class PushStatusRepository {

    /** A push as stored. */
    public record Push(UUID targetId, UUID streamId, UUID sessionId, UUID destinationId, String network, PushState state,
            Integer attempt, String reason, Instant nextTryAt, List<String> preflight, Instant since) {
    }

    private final AgroalDataSource dataSource;

    public PushStatusRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply(PushStatus p) {
        String state = p.state() == null ? null : p.state().name();
        String preflight = p.preflight() == null ? "[]" : JsonColumns.strings(p.preflight());
        Jdbc.update(dataSource, "apply push status", "INSERT INTO push_status AS old (target_id, partner_id, stream_id, "
                + "session_id, destination_id, network, state, attempt, reason, next_try_at, preflight, since, last_event_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?) ON CONFLICT (target_id) DO UPDATE SET "
                + "session_id = EXCLUDED.session_id, network = EXCLUDED.network, "
                + "state = COALESCE(EXCLUDED.state, old.state), "
                + "attempt = CASE WHEN EXCLUDED.state IS NULL THEN old.attempt ELSE COALESCE(EXCLUDED.attempt, old.attempt) END, "
                + "reason = CASE WHEN EXCLUDED.state IS NULL THEN old.reason ELSE EXCLUDED.reason END, "
                + "next_try_at = CASE WHEN EXCLUDED.state IS NULL THEN old.next_try_at ELSE EXCLUDED.next_try_at END, "
                + "preflight = CASE WHEN EXCLUDED.state IS NULL THEN EXCLUDED.preflight "
                + "WHEN EXCLUDED.session_id IS DISTINCT FROM old.session_id THEN '[]'::jsonb ELSE old.preflight END, "
                + "since = CASE WHEN EXCLUDED.state IS NULL OR EXCLUDED.state = old.state AND EXCLUDED.session_id "
                + "IS NOT DISTINCT FROM old.session_id THEN old.since ELSE EXCLUDED.since END, "
                + "last_event_at = EXCLUDED.last_event_at WHERE old.last_event_at <= EXCLUDED.last_event_at",
                UUID.fromString(p.targetId()), UUID.fromString(p.partnerId()), UUID.fromString(p.streamId()),
                p.sessionId() == null ? null : UUID.fromString(p.sessionId()), UUID.fromString(p.destinationId()),
                p.network(), state, p.attempt(), p.reason(), p.nextTryAt(), preflight, p.state() == null ? null : p.at(),
                p.at());
    }

    /** The pushes of the partner's stream, in destination order. */
    public List<Push> ofStream(UUID partnerId, UUID streamId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT target_id, "
                + "session_id, destination_id, network, state, attempt, reason, next_try_at, preflight, since "
                + "FROM push_status WHERE stream_id = ? AND partner_id = ? ORDER BY destination_id")) {
            Jdbc.bind(s, streamId, partnerId);
            List<Push> pushes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String state = r.getString(5);
                    pushes.add(new Push(r.getObject(1, UUID.class), streamId, r.getObject(2, UUID.class),
                            r.getObject(3, UUID.class), r.getString(4), state == null ? null : PushState.valueOf(state),
                            (Integer) r.getObject(6), r.getString(7), Jdbc.instant(r.getTimestamp(8)),
                            JsonColumns.strings(r.getString(9)), Jdbc.instant(r.getTimestamp(10))));
                }
            }
            return pushes;
        } catch (SQLException e) {
            throw Jdbc.failure("list pushes", e);
        }
    }
}
