package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The encoder came back inside the reconnect window: the same session is live again.
 */
public record StreamResumed(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String sessionId) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
