package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The match's stream went live.
 */
public record MatchLive(
        String eventId,
        String partnerId,
        long version,
        Instant occurredAt,
        String streamId) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
