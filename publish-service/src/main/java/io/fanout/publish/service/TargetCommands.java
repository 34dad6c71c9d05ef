package io.fanout.publish.service;

import io.fanout.contracts.push.StopReason;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a partner does to a stream's targets through the API, live or not. Each command is recorded
 * in one transaction (with the {@code push-status} events it causes); once it is committed, the
 * supervisor acts on it: a target added or enabled while the stream is live gets its push at once, a
 * disabled or removed one's push stops, and the stream's armed pushes follow its targets. The
 * stream's other pushes are never touched.
 */
@ApplicationScoped
public class TargetCommands {

    /** Why a target could not be created. */
    public enum TargetRefusal {
        UNKNOWN_STREAM,
        UNKNOWN_DESTINATION,
        DUPLICATE
    }

    /** A created target, or the reason there is none. */
    public record TargetOutcome(TargetRow target, TargetRefusal refusal) {
    }

    /** A command's result and its effect on pushes: the target whose push stops (null: none), the push to start. */
    private record Effect<T>(T result, UUID stop, Optional<PushPlan> start) {
    }

    private final StreamRepository streams;
    private final TargetRepository targets;
    private final DestinationRepository destinations;
    private final PushAttempts attempts;
    private final PushSupervisor supervisor;

    public TargetCommands(StreamRepository streams, TargetRepository targets, DestinationRepository destinations,
            PushAttempts attempts, PushSupervisor supervisor) {
        this.streams = streams;
        this.targets = targets;
        this.destinations = destinations;
        this.attempts = attempts;
        this.supervisor = supervisor;
    }

    /**
     * Simulcasts a stream to a destination. The stream must be known here (its {@code stream.created}
     * consumed) and both must belong to the partner; otherwise they are as absent as unknown ids.
     */
    public TargetOutcome add(UUID partnerId, UUID streamId, UUID destinationId) {
        Effect<TargetOutcome> effect = QuarkusTransaction.requiringNew().call(() -> {
            if (!streams.ownedBy(streamId, partnerId)) {
                return refused(TargetRefusal.UNKNOWN_STREAM);
            }
            if (destinations.find(partnerId, destinationId).isEmpty()) {
                return refused(TargetRefusal.UNKNOWN_DESTINATION);
            }
            if (targets.exists(streamId, destinationId)) {
                return refused(TargetRefusal.DUPLICATE);
            }
            TargetRow target = new TargetRow(UUID.randomUUID(), partnerId, streamId, destinationId, true, Instant.now(),
                    null);
            targets.insert(target);
            return new Effect<>(new TargetOutcome(target, null), null,
                    attempts.startIfLive(partnerId, streamId, target.id()));
        });
        if (effect.result().target() != null) {
            apply(streamId, effect);
        }
        return effect.result();
    }

    private static Effect<TargetOutcome> refused(TargetRefusal refusal) {
        return new Effect<>(new TargetOutcome(null, refusal), null, Optional.empty());
    }

    /** The stream's targets; empty when the stream is not the partner's. */
    public Optional<List<TargetRow>> list(UUID partnerId, UUID streamId) {
        return QuarkusTransaction.requiringNew().call(() -> streams.ownedBy(streamId, partnerId)
                ? Optional.of(targets.of(streamId, false)) : Optional.empty());
    }

    /**
     * Enables or disables a target. Disabling stops its active push ({@code push.stopped},
     * {@code TARGET_DISABLED}); enabling during a live session starts one. Empty when the target is
     * not the partner's.
     */
    public Optional<TargetRow> setEnabled(UUID partnerId, UUID streamId, UUID targetId, boolean enabled) {
        Optional<Effect<TargetRow>> effect = QuarkusTransaction.requiringNew().call(() -> owned(partnerId, streamId, targetId)
                .map(target -> {
                    targets.setEnabled(targetId, enabled);
                    if (enabled) {
                        return new Effect<>(target.withEnabled(true), null,
                                attempts.startIfLive(partnerId, streamId, targetId));
                    }
                    boolean stop = attempts.stopCurrent(target, StopReason.TARGET_DISABLED);
                    return new Effect<>(target.withEnabled(false), stop ? targetId : null, Optional.<PushPlan>empty());
                }));
        effect.ifPresent(e -> apply(streamId, e));
        return effect.map(Effect::result);
    }

    /** Removes a target; its push, if active, stops ({@code TARGET_REMOVED}). False when it is not the partner's. */
    public boolean remove(UUID partnerId, UUID streamId, UUID targetId) {
        Optional<Effect<TargetRow>> effect = QuarkusTransaction.requiringNew().call(() -> owned(partnerId, streamId, targetId)
                .map(target -> new Effect<>(target, drop(target) ? targetId : null, Optional.<PushPlan>empty())));
        effect.ifPresent(e -> apply(streamId, e));
        return effect.isPresent();
    }

    /**
     * Retries the target's push now, whatever the retry policy's wait (and after it gave up), if it
     * is waiting for a retry in the live session: the attempt started. Empty otherwise.
     */
    public Optional<PushPlan> retryNow(UUID partnerId, UUID streamId, UUID targetId) {
        Optional<PushPlan> plan = QuarkusTransaction.requiringNew().call(() -> attempts.retryNow(partnerId, streamId, targetId));
        plan.ifPresent(supervisor::retryNow);
        return plan;
    }

    /**
     * Removes the target inside the caller's transaction, stopping its active push
     * ({@code TARGET_REMOVED}); returns whether a push must stop.
     */
    boolean drop(TargetRow target) {
        boolean stop = attempts.stopCurrent(target, StopReason.TARGET_REMOVED);
        targets.delete(target.id());
        return stop;
    }

    private Optional<TargetRow> owned(UUID partnerId, UUID streamId, UUID targetId) {
        return streams.ownedBy(streamId, partnerId) ? targets.find(streamId, targetId) : Optional.empty();
    }

    /** After commit: the push that stops stops, the one that starts starts, otherwise the armed ones follow. */
    private void apply(UUID streamId, Effect<?> effect) {
        if (effect.stop() != null) {
            supervisor.stop(List.of(effect.stop()));
        }
        effect.start().ifPresentOrElse(plan -> supervisor.start(List.of(plan)), () -> supervisor.targetsChanged(streamId));
    }
}
