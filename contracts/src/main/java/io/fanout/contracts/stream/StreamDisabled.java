package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The stream was disabled: any live publisher was dropped and publishing is refused until enabled.
 */
public record StreamDisabled(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
