package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * Media is flowing to the destination: real progress was seen, not only a started process.
 */
public record PushBroadcasting(
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
