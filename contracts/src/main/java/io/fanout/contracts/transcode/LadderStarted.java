package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;
import java.util.List;

/**
 * transcode-service started a session's rendition ladder: one decode, the given rungs encoded with aligned
 * keyframes; the platform player plays {@code playerUrl} (HLS).
 */
public record LadderStarted(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        String playerUrl,
        List<Rung> rungs) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
