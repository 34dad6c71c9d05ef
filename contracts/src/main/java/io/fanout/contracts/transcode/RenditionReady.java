package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;

/**
 * One rung of a ladder is being relayed at {@code relayUrl}, for destinations that need a smaller picture.
 */
public record RenditionReady(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        Rung rung,
        String relayUrl) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
