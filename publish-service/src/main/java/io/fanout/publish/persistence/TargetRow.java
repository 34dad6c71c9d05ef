package io.fanout.publish.persistence;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code target}: one stream simulcast to one destination. */
public record TargetRow(UUID id, UUID partnerId, UUID streamId, UUID destinationId, boolean enabled, Instant createdAt) {
}
