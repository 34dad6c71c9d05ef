package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A session is over, for {@code reason}. Consumers stop everything they run for it.
 */
public record StreamEnded(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String sessionId,
        EndReason reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
