package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * An outbound push to a simulcast target is being started (attempt 1 is the first try).
 */
public record PushStarting(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        int attempt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
