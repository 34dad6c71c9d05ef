package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The encoder of a live session went away; the reconnect window is open until {@code reconnectDeadline}.
 * Consumers keep their outputs alive (slate) until {@code stream.resumed} or {@code stream.ended}.
 */
public record StreamInterrupted(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String sessionId,
        Instant reconnectDeadline) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
