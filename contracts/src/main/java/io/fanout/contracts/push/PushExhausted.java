package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The destination's retry policy ran out after {@code attempts} attempts; only "retry now" restarts it.
 */
public record PushExhausted(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        int attempts,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
