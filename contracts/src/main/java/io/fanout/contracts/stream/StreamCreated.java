package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A partner created a stream: it exists, idle, with a stream key (never on the wire).
 * {@code sequence} numbers the stream's lifecycle events from 1 so consumers can spot gaps and duplicates.
 */
public record StreamCreated(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String name,
        int reconnectWindowSeconds,
        boolean test) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
