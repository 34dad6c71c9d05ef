package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.MayBeNull;
import java.time.Instant;
import java.util.List;

/**
 * A periodic measurement of a live session's ingest, taken from the edge. {@code videoCodec} is null
 * when the encoder sends no video (warned as {@code NO_VIDEO}), {@code audioCodec} when it sends no
 * audio ({@code NO_AUDIO}); {@code warnings} lists what falls outside good practice.
 */
public record StreamHealth(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        @MayBeNull String videoCodec,
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
