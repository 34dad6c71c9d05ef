package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * A session's ladder could not be produced or broke, for {@code reason}.
 */
public record LadderFailed(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        String reason) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
