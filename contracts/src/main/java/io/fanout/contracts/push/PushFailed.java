package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The push failed for a reason no retry can fix (refused credentials, incompatible input).
 */
public record PushFailed(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        FailureCause cause,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
