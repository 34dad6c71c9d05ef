package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A catalogued match changed; {@code match} is its whole new state, not a diff.
 */
public record MatchUpdated(
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
