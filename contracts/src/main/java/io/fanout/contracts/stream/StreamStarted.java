package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.MayBeNull;
import java.time.Instant;

/**
 * The edge authorised the stream key and the encoder is publishing: a new session began.
 */
public record StreamStarted(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String sessionId,
        @MayBeNull StreamMedia media) implements FanoutEvent {

    /** Without media settings (consumers then apply {@link StreamMedia#DEFAULT}). */
    public StreamStarted(String streamId, String partnerId, long sequence, Instant occurredAt, String sessionId) {
        this(streamId, partnerId, sequence, occurredAt, sessionId, null);
    }

    @Override
    public String aggregateId() {
        return streamId;
    }
}
