package io.fanout.contracts.catalog;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The match is still not live {@code graceSeconds} after its scheduled start: the operators' and
 * the partner's cue to look at its encoder.
 */
public record MatchLate(
        String eventId,
        String partnerId,
        long version,
        Instant occurredAt,
        Instant scheduledStart,
        long graceSeconds) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
