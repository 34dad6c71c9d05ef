package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
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
 * Each stream's rendition ladder as {@code renditions} last told it ({@code ladder}): the session it
 * is for, whether it runs, the player URL and the rungs. A report about an older session than the
 * stored one changes nothing.
 */
@ApplicationScoped
public class LadderRepository {

    /** What a ladder event says, or what is stored. */
    public record Ladder(UUID streamId, UUID partnerId, UUID sessionId, String state, String playerUrl, List<String> rungs,
            Instant at) {
    }

    private final AgroalDataSource dataSource;

    public LadderRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A ladder started: the session's player, replacing an older session's. */
    public void started(Ladder ladder) {
        Jdbc.update(dataSource, "save ladder", "INSERT INTO ladder AS old (stream_id, partner_id, session_id, state, "
                + "player_url, rungs, updated_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (stream_id) "
                + "DO UPDATE SET session_id = EXCLUDED.session_id, state = EXCLUDED.state, player_url = EXCLUDED.player_url, "
                + "rungs = EXCLUDED.rungs, updated_at = EXCLUDED.updated_at WHERE old.updated_at <= EXCLUDED.updated_at",
                ladder.streamId(), ladder.partnerId(), ladder.sessionId(), ladder.state(), ladder.playerUrl(),
                JsonColumns.strings(ladder.rungs()), ladder.at());
    }

    /** The session's ladder stopped or failed: its player is gone. */
    public void over(UUID streamId, UUID sessionId, String state, Instant at) {
        Jdbc.update(dataSource, "end ladder", "UPDATE ladder SET state = ?, updated_at = ? WHERE stream_id = ? "
                + "AND session_id = ? AND updated_at <= ?", state, at, streamId, sessionId, at);
    }

    public Optional<Ladder> find(UUID partnerId, UUID streamId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT session_id, state, "
                + "player_url, rungs, updated_at FROM ladder WHERE stream_id = ? AND partner_id = ?")) {
            Jdbc.bind(s, streamId, partnerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Ladder(streamId, partnerId, r.getObject(1, UUID.class), r.getString(2),
                        r.getString(3), JsonColumns.strings(r.getString(4)), Jdbc.instant(r.getTimestamp(5))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find ladder", e);
        }
    }
}
