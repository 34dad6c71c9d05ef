package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A partner event (a match) entered the catalog. {@code version} grows with every change of the event.
 */
public record MatchScheduled(
        String eventId,
        String partnerId,
        long version,
        Instant occurredAt,
        MatchDetails match) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
