package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The enabled targets of streams that are not live: the pushes a stream's next session will start. */
@ApplicationScoped
public class IdleTargetRepository {

    private static final String SELECT = "SELECT " + TargetRow.COLUMNS.replaceAll("(\\w+)", "t.$1")
            + " FROM target t JOIN stream s ON s.id = t.stream_id WHERE t.enabled AND s.state <> 'LIVE'";
    private static final String ORDER = " ORDER BY s.updated_at DESC, t.created_at, t.id LIMIT ?";

    private final AgroalDataSource dataSource;

    public IdleTargetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** At most {@code limit} enabled targets of streams that are not live, those of the most recently active first. */
    public List<TargetRow> enabledOfIdleStreams(int limit) {
        return Jdbc.list(dataSource, "list targets of idle streams", SELECT + ORDER, TargetRow::read, limit);
    }

    /** The enabled targets of one stream, if it is not live (at most {@code limit}). */
    public List<TargetRow> enabledOfIdleStream(UUID streamId, int limit) {
        return Jdbc.list(dataSource, "list targets of an idle stream", SELECT + " AND s.id = ?" + ORDER, TargetRow::read,
                streamId, limit);
    }
}
