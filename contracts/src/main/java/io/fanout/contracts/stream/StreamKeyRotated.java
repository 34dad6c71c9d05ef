package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The stream key was replaced; the old key no longer authorises. The key itself is never on the wire.
 */
public record StreamKeyRotated(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
