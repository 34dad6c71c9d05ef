package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A disabled stream was enabled again: it is idle and its key authorises a publish once more.
 */
public record StreamEnabled(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
