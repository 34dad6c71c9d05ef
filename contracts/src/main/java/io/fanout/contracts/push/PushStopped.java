package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The push was stopped on purpose: the stream ended or the target was disabled or removed.
 */
public record PushStopped(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        StopReason reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
