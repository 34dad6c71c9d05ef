package io.fanout.contracts.push;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;
import java.util.List;

/**
 * The push's stream and destination, checked against the network's documented limits, broke some
 * ({@code violations}) or no longer does (empty). Sent when the set of violations changes; the push
 * goes on either way, the partner decides.
 */
public record PushPreflight(
        String targetId,
        String streamId,
        String partnerId,
        String sessionId,
        String destinationId,
        Network network,
        Instant occurredAt,
        List<PreflightViolation> violations) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return targetId;
    }
}
