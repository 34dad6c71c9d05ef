package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.MayBeNull;
import java.time.Instant;
import java.util.List;

/**
 * A periodic measurement of a live session's ingest, taken from the edge. {@code audioCodec} is null
 * when the encoder sends no audio; {@code warnings} lists what falls outside good practice.
 */
public record StreamHealth(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        String videoCodec,
        @MayBeNull String audioCodec,
        int width,
        int height,
        double fps,
        long bitrateKbps,
        double keyframeIntervalSeconds,
        List<HealthWarning> warnings) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
