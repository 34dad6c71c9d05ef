package io.fanout.catalog.domain;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.push.PreflightViolation;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.push.PushStopped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code push-status} event says about one target's push: its state (null for a preflight
 * report, which changes only the violations), attempt, reason and next try, and when it happened.
 */
public record PushStatus(String targetId, String streamId, String partnerId, String sessionId, String destinationId,
        String network, PushState state, Integer attempt, String reason, Instant nextTryAt, List<String> preflight,
        Instant at) {

    public static Optional<PushStatus> from(FanoutEvent event) {
        if (event instanceof PushStarting e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.STARTING, e.attempt(), null, null, null, e.occurredAt()));
        }
        if (event instanceof PushBroadcasting e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.BROADCASTING, e.attempt(), null, null, null, e.occurredAt()));
        }
        if (event instanceof PushDegraded e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.DEGRADED, e.attempt(), e.reason(), null, null, e.occurredAt()));
        }
        if (event instanceof PushRetrying e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.RETRYING, e.attempt(), e.reason(), e.nextTryAt(), null, e.occurredAt()));
        }
        if (event instanceof PushExhausted e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.EXHAUSTED, e.attempts(), e.reason(), null, null, e.occurredAt()));
        }
        if (event instanceof PushFailed e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.FAILED, null, name(e.cause()) + ": " + e.reason(), null, null, e.occurredAt()));
        }
        if (event instanceof PushStopped e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), PushState.STOPPED, null, name(e.reason()), null, null, e.occurredAt()));
        }
        if (event instanceof PushPreflight e) {
            return Optional.of(new PushStatus(e.targetId(), e.streamId(), e.partnerId(), e.sessionId(), e.destinationId(),
                    name(e.network()), null, null, null, null,
                    e.violations() == null ? List.of() : e.violations().stream().map(PreflightViolation::detail).toList(),
                    e.occurredAt()));
        }
        return Optional.empty();
    }

    private static String name(Enum<?> value) {
        return value == null ? "UNKNOWN" : value.name();
    }
}
