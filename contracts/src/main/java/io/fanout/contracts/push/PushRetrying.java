package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * The push broke or could not start; it will try again at {@code nextTryAt}.
 */
public record PushRetrying(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        int attempt,
        Instant nextTryAt,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
