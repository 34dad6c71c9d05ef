package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;
import java.util.List;

/**
 * A session of a stream with recording on ended and its recording is kept: {@code url} is the VOD
 * master playlist (every rung, closed with {@code EXT-X-ENDLIST}), {@code durationSeconds} how much
 * media it holds. The recording is deleted after the service's retention period.
 */
public record RecordingReady(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        String url,
        double durationSeconds,
        List<Rung> rungs) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
