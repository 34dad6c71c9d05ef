package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The match's broadcast ended.
 */
public record MatchEnded(
        String eventId,
        String partnerId,
        long version,
        Instant occurredAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
