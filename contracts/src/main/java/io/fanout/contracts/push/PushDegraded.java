package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * Media reaches the destination, but its network still refuses to make the broadcast public (a
 * {@code live} transition refused after go-live, for the {@code reason} given): the push runs on,
 * and its audience sees nothing until someone acts on the network's side.
 */
public record PushDegraded(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        int attempt,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
