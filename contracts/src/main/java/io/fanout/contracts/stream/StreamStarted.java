package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The edge authorised the stream key and the encoder is publishing: a new session began.
 */
public record StreamStarted(
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
