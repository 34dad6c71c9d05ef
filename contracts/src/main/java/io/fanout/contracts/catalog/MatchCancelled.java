package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The match was cancelled, for {@code reason}.
 */
public record MatchCancelled(
        String eventId,
        String partnerId,
        long version,
        Instant occurredAt,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
