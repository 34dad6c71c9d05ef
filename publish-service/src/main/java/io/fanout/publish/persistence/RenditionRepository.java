package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.publish.domain.Rendition;
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
 * The rendition relays of streams' sessions ({@code rendition}), as {@code renditions} announced
 * them. Callers run it inside a transaction.
 */
@ApplicationScoped
public class RenditionRepository {

    private final AgroalDataSource dataSource;

    public RenditionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a ready relay (again: a ladder restarted); returns whether anything changed. */
    public boolean ready(UUID streamId, UUID sessionId, Rendition r, Instant at) {
        return Jdbc.update(dataSource, "save rendition", "INSERT INTO rendition (stream_id, session_id, rung, width, "
                + "height, relay_url, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stream_id, session_id, rung) "
                + "DO UPDATE SET width = EXCLUDED.width, height = EXCLUDED.height, relay_url = EXCLUDED.relay_url, "
                + "ready_at = EXCLUDED.ready_at WHERE (rendition.width, rendition.height, rendition.relay_url) "
                + "IS DISTINCT FROM (EXCLUDED.width, EXCLUDED.height, EXCLUDED.relay_url)",
                streamId, sessionId, r.rung(), r.width(), r.height(), r.relayUrl(), at) > 0;
    }

    /** The session's ladder stopped or broke: its relays are gone. Returns whether there were any. */
    public boolean gone(UUID streamId, UUID sessionId) {
        return Jdbc.update(dataSource, "drop renditions", "DELETE FROM rendition WHERE stream_id = ? AND session_id = ?",
                streamId, sessionId) > 0;
    }

    /** A new session started: the relays of the stream's earlier sessions are of no use any more. */
    public void forgetOtherSessions(UUID streamId, UUID sessionId) {
        Jdbc.update(dataSource, "drop old renditions", "DELETE FROM rendition WHERE stream_id = ? AND session_id <> ?",
                streamId, sessionId);
    }

    /** The session's ready relays. */
    public List<Rendition> of(UUID streamId, UUID sessionId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT rung, width, height, relay_url FROM rendition WHERE stream_id = ? AND session_id = ? ORDER BY height")) {
            Jdbc.bind(s, streamId, sessionId);
            List<Rendition> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Rendition(r.getString(1), r.getInt(2), r.getInt(3), r.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("read renditions", e);
        }
    }
}
