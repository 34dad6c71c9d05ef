package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A session's ladder was stopped (normally because the stream ended).
 */
public record LadderStopped(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
