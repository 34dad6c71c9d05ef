package io.fanout.publish.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code target}: one stream simulcast to one destination; {@code matchEventId} names the
 * catalog match whose destination plan created it (null: added through the API).
 */
public record TargetRow(UUID id, UUID partnerId, UUID streamId, UUID destinationId, boolean enabled, Instant createdAt,
        String matchEventId) {

    public TargetRow withEnabled(boolean now) {
        return new TargetRow(id, partnerId, streamId, destinationId, now, createdAt, matchEventId);
    }
}
