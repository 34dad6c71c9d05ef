package io.fanout.contracts.stream;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.MayBeNull;
import java.time.Instant;

/**
 * The encoder came back inside the reconnect window: the same session is live again.
 */
public record StreamResumed(
        String streamId,
        String partnerId,
        long sequence,
        Instant occurredAt,
        String sessionId,
        @MayBeNull StreamMedia media) implements FanoutEvent {

    /** Without media settings (consumers then apply {@link StreamMedia#DEFAULT}). */
    public StreamResumed(String streamId, String partnerId, long sequence, Instant occurredAt, String sessionId) {
        this(streamId, partnerId, sequence, occurredAt, sessionId, null);
    }

    @Override
    public String aggregateId() {
        return streamId;
    }
}
