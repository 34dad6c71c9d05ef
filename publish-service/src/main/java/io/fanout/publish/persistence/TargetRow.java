package io.fanout.publish.persistence;

import io.fanout.servicekit.jdbc.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code target}: one stream simulcast to one destination; {@code matchEventId} names the
 * catalog match whose destination plan created it (null: added through the API).
 */
public record TargetRow(UUID id, UUID partnerId, UUID streamId, UUID destinationId, boolean enabled, Instant createdAt,
        String matchEventId) {

    /** The columns every query of targets selects, in the order {@link #read} reads them. */
    static final String COLUMNS = "id, partner_id, stream_id, destination_id, enabled, created_at, match_event_id";

    /** The row at the result's cursor, selected as {@link #COLUMNS} (each optionally qualified). */
    static TargetRow read(ResultSet r) throws SQLException {
        return new TargetRow(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                r.getObject(4, UUID.class), r.getBoolean(5), Jdbc.instant(r.getTimestamp(6)), r.getString(7));
    }

    public TargetRow withEnabled(boolean now) {
        return new TargetRow(id, partnerId, streamId, destinationId, now, createdAt, matchEventId);
    }
}
