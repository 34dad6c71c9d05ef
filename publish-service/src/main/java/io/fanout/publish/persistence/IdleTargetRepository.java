package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The enabled targets of streams that are not live: the pushes a stream's next session will start. */
@ApplicationScoped
public class IdleTargetRepository {

    private final AgroalDataSource dataSource;

    public IdleTargetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * At most {@code limit} enabled targets of streams that are not live, those of the most recently
     * active streams first; {@code streamId} (null: every stream) narrows it to one stream.
     */
    public List<TargetRow> enabledOfIdleStreams(UUID streamId, int limit) {
        String sql = "SELECT " + TargetRow.COLUMNS.replaceAll("(\\w+)", "t.$1")
                + " FROM target t JOIN stream s ON s.id = t.stream_id WHERE t.enabled AND s.state <> 'LIVE'"
                + (streamId == null ? "" : " AND s.id = ?") + " ORDER BY s.updated_at DESC, t.created_at, t.id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (streamId != null) {
                s.setObject(i++, streamId);
            }
            s.setInt(i, limit);
            List<TargetRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(TargetRow.read(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("list targets of idle streams", e);
        }
    }
}
