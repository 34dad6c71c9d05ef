package io.fanout.publish.service;

import io.fanout.contracts.push.FailureCause;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.push.StopReason;
import io.fanout.publish.domain.PushState;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.PushRepository;
import io.fanout.publish.persistence.PushRepository.ActivePush;
import io.fanout.publish.persistence.PushRepository.PushRecord;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.StreamRepository.StreamView;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The one owner of push records: every change of a push's state goes through {@link PushState}'s
 * table here and is described by its {@code push-status} event, written through the outbox in the
 * same transaction. Callers decide when a push starts or stops (a session, a target command, a
 * catalog plan) or report what its process did (the supervisor); running processes is not this
 * class's business.
 */
@ApplicationScoped
public class PushAttempts {

    /** The next attempt of a push and how long to wait before it. */
    public record Retry(PushPlan plan, Duration delay) {
    }

    private final StreamRepository streams;
    private final TargetRepository targets;
    private final PushRepository pushes;
    private final DestinationRepository destinations;
    private final OutboxRepository outbox;
    private final PushPlanner planner;
    private final Preflight preflight;
    private final RetryPolicies retryPolicies;
    private final PushMetrics metrics;
    private final Random random = new Random();

    public PushAttempts(StreamRepository streams, TargetRepository targets, PushRepository pushes,
            DestinationRepository destinations, OutboxRepository outbox, PushPlanner planner, Preflight preflight,
            RetryPolicies retryPolicies, PushMetrics metrics) {
        this.streams = streams;
        this.targets = targets;
        this.pushes = pushes;
        this.destinations = destinations;
        this.outbox = outbox;
        this.planner = planner;
        this.preflight = preflight;
        this.retryPolicies = retryPolicies;
        this.metrics = metrics;
    }

    /**
     * The target's push starts in the session ({@code push.starting}), as its next attempt there.
     * Empty when it already has an active push in the session.
     */
    Optional<PushPlan> start(TargetRow target, DestinationRow destination, UUID sessionId) {
        Optional<PushRecord> push = pushes.lock(target.id(), sessionId);
        if (push.isPresent() && push.get().state().isActive()) {
            return Optional.empty();
        }
        int attempt = push.map(p -> p.attempt() + 1).orElse(1);
        Instant now = Instant.now();
        pushes.save(new PushRecord(target.id(), sessionId,
                PushState.move(push.map(PushRecord::state).orElse(null), PushState.STARTING), attempt), now);
        outbox.append(new PushStarting(target.id().toString(), target.streamId().toString(),
                target.partnerId().toString(), sessionId.toString(), destination.id().toString(), destination.network(),
                now, attempt));
        return Optional.of(planner.plan(target, destination, sessionId).withAttempt(attempt));
    }

    /**
     * A target added or enabled while its stream is live gets its push for the live session at once;
     * the stream's other pushes are not touched. Empty when the stream is not live, the target is
     * disabled, or it already has an active push in this session.
     */
    Optional<PushPlan> startIfLive(UUID partnerId, UUID streamId, UUID targetId) {
        return liveSession(partnerId, streamId).flatMap(sessionId -> targets.find(streamId, targetId)
                .filter(TargetRow::enabled)
                .flatMap(target -> destinations.find(partnerId, target.destinationId())
                        .flatMap(destination -> start(target, destination, sessionId))));
    }

    /** Stops the target's push in the session, if it is active ({@code push.stopped}); returns whether it was. */
    boolean stop(TargetRow target, UUID sessionId, StopReason reason) {
        Optional<PushRecord> push = pushes.lockActive(target.id(), sessionId);
        if (push.isEmpty()) {
            return false;
        }
        Instant now = Instant.now();
        pushes.save(new PushRecord(target.id(), sessionId, PushState.move(push.get().state(), PushState.STOPPED),
                push.get().attempt(), reason.name()), now);
        DestinationRow destination = destinations.find(target.partnerId(), target.destinationId()).orElseThrow();
        outbox.append(new PushStopped(target.id().toString(), target.streamId().toString(), target.partnerId().toString(),
                sessionId.toString(), destination.id().toString(), destination.network(), now, reason));
        return true;
    }

    /** Stops the target's push in its stream's current session, if one is active; returns whether there was one. */
    boolean stopCurrent(TargetRow target, StopReason reason) {
        return streams.lock(target.streamId()).map(StreamView::sessionId)
                .map(sessionId -> stop(target, sessionId, reason)).orElse(false);
    }

    /** Real progress reached the destination: the push is {@code broadcasting}. */
    @Transactional
    public void broadcasting(PushPlan plan) {
        Optional<PushRecord> push = pushes.lock(plan.targetId(), plan.sessionId());
        if (push.isEmpty() || !PushState.allows(push.get().state(), PushState.BROADCASTING)) {
            return;
        }
        Instant now = Instant.now();
        pushes.save(new PushRecord(plan.targetId(), plan.sessionId(),
                PushState.move(push.get().state(), PushState.BROADCASTING), push.get().attempt()), now);
        pushes.firstBroadcast(plan.targetId(), plan.sessionId(), now)
                .ifPresent(since -> metrics.goLive(plan.network(), Duration.between(since, now)));
        targets.find(plan.streamId(), plan.targetId()).ifPresent(target -> destinations
                .find(plan.partnerId(), plan.destinationId())
                .ifPresent(destination -> preflight.check(target, destination, plan.sessionId(), now)));
        outbox.append(new PushBroadcasting(plan.targetId().toString(), plan.streamId().toString(),
                plan.partnerId().toString(), plan.sessionId().toString(), plan.destinationId().toString(), plan.network(),
                now, push.get().attempt()));
    }

    /**
     * Media reaches the destination but its network refused to make the broadcast live, for good or
     * after every try: the push is {@code degraded} ({@code push.degraded} with the reason). Changes
     * nothing unless it is broadcasting.
     */
    @Transactional
    public void degraded(PushPlan plan, String reason) {
        Optional<PushRecord> push = pushes.lock(plan.targetId(), plan.sessionId());
        if (push.isEmpty() || push.get().state() != PushState.BROADCASTING) {
            return;
        }
        Instant now = Instant.now();
        pushes.save(new PushRecord(plan.targetId(), plan.sessionId(),
                PushState.move(push.get().state(), PushState.DEGRADED), push.get().attempt(), reason), now);
        outbox.append(new PushDegraded(plan.targetId().toString(), plan.streamId().toString(),
                plan.partnerId().toString(), plan.sessionId().toString(), plan.destinationId().toString(), plan.network(),
                now, push.get().attempt(), reason));
        metrics.degraded(plan.network());
    }

    /**
     * The push broke while it should be running: under the retry policy it is {@code retrying} (the
     * next attempt and its wait are returned) or, past the policy's attempts, {@code exhausted}.
     * Empty when the push was meanwhile stopped or is exhausted.
     */
    @Transactional
    public Optional<Retry> broke(PushPlan plan, String reason) {
        return broke(plan, reason, Optional.empty());
    }

    /**
     * As {@link #broke(PushPlan, String)}, when the network said how long to wait
     * ({@code Retry-After}, a rate limit's reset): the next attempt waits at least that long, whatever
     * the policy's back-off.
     */
    @Transactional
    public Optional<Retry> broke(PushPlan plan, String reason, Optional<Duration> networkWait) {
        Optional<PushRecord> push = pushes.lockActive(plan.targetId(), plan.sessionId());
        if (push.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        int attempt = pushes.broadcastingSince(plan.targetId(), plan.sessionId())
                .filter(since -> retryPolicies.steady(since, now)).isPresent() ? 1 : push.get().attempt();
        Optional<Duration> delay = destinations.find(plan.partnerId(), plan.destinationId())
                .flatMap(destination -> retryPolicies.of(destination).delayBefore(attempt + 1, random::nextDouble))
                .map(backOff -> networkWait.filter(wait -> wait.compareTo(backOff) > 0).orElse(backOff));
        if (delay.isEmpty()) {
            pushes.save(new PushRecord(plan.targetId(), plan.sessionId(),
                    PushState.move(push.get().state(), PushState.EXHAUSTED), attempt, reason), now);
            outbox.append(new PushExhausted(plan.targetId().toString(), plan.streamId().toString(),
                    plan.partnerId().toString(), plan.sessionId().toString(), plan.destinationId().toString(),
                    plan.network(), now, attempt, reason));
            metrics.exhausted(plan.network());
            return Optional.empty();
        }
        // Planned afresh: the next attempt reads what the push should read by then (a relay may be gone).
        PushPlan next = targets.find(plan.streamId(), plan.targetId())
                .flatMap(target -> destinations.find(plan.partnerId(), plan.destinationId())
                        .map(destination -> planner.plan(target, destination, plan.sessionId())))
                .orElse(plan);
        return Optional.of(new Retry(retrying(next, push.get().state(), attempt + 1, now, delay.get(), reason),
                delay.get()));
    }

    /**
     * "Retry now" for the target's push in the stream's live session, if that push is retrying or
     * exhausted: one more attempt at once ({@code push.retrying} with the reason). Empty when the
     * target is not the partner's, or its push is not waiting for a retry.
     */
    Optional<PushPlan> retryNow(UUID partnerId, UUID streamId, UUID targetId) {
        return liveSession(partnerId, streamId).flatMap(sessionId -> targets.find(streamId, targetId)
                .filter(TargetRow::enabled)
                .flatMap(target -> pushes.lock(targetId, sessionId)
                        .filter(p -> p.state() == PushState.RETRYING || p.state() == PushState.EXHAUSTED)
                        .flatMap(push -> destinations.find(partnerId, target.destinationId())
                                .map(destination -> retrying(planner.plan(target, destination, sessionId), push.state(),
                                        push.attempt() + 1, Instant.now(), Duration.ZERO, "retry requested")))));
    }

    private PushPlan retrying(PushPlan plan, PushState from, int attempt, Instant now, Duration delay, String reason) {
        pushes.save(new PushRecord(plan.targetId(), plan.sessionId(), PushState.move(from, PushState.RETRYING), attempt,
                reason), now);
        metrics.retried(plan.network());
        outbox.append(new PushRetrying(plan.targetId().toString(), plan.streamId().toString(), plan.partnerId().toString(),
                plan.sessionId().toString(), plan.destinationId().toString(), plan.network(), now, attempt,
                now.plus(delay), reason));
        return plan.withAttempt(attempt);
    }

    /**
     * The push cannot run for a reason no retry fixes: it is {@code failed} ({@code push.failed} with
     * the cause). Changes nothing if the push was meanwhile stopped.
     */
    @Transactional
    public void failed(PushPlan plan, FailureCause cause, String reason) {
        Optional<PushRecord> push = pushes.lockActive(plan.targetId(), plan.sessionId());
        if (push.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        pushes.save(new PushRecord(plan.targetId(), plan.sessionId(), PushState.move(push.get().state(), PushState.FAILED),
                push.get().attempt(), reason), now);
        outbox.append(new PushFailed(plan.targetId().toString(), plan.streamId().toString(), plan.partnerId().toString(),
                plan.sessionId().toString(), plan.destinationId().toString(), plan.network(), now, cause, reason));
    }

    /** Every push that should be running now (active, enabled target, live session). */
    @Transactional
    public List<ActivePush> active() {
        return pushes.active();
    }

    /**
     * The plans of the stream's active pushes as they stand now (no change, no event): for running
     * pushes whose source (live picture, rendition, slate) may have changed.
     */
    @Transactional
    public List<PushPlan> replan(UUID streamId) {
        return streams.lock(streamId).filter(StreamView::isLive)
                .map(stream -> planner.activePlans(streamId, stream.sessionId())).orElse(List.of());
    }

    /** The plan of an active push as it stands (no change, no event): for adopting a push that still runs. */
    @Transactional
    public Optional<PushPlan> planOf(ActivePush active) {
        return streams.lock(active.streamId()).flatMap(stream -> targets.find(active.streamId(), active.targetId())
                .flatMap(target -> pushes.lockActive(active.targetId(), active.sessionId())
                        .flatMap(push -> destinations.find(stream.partnerId(), target.destinationId())
                                .map(destination -> planner.plan(target, destination, active.sessionId())
                                        .withAttempt(push.attempt())))));
    }

    /**
     * A push that should be running but runs nowhere this instance knows of (the service restarted,
     * or the stream's partition moved here): one more attempt at once ({@code push.retrying} with
     * {@code reason}). Empty when the push is meanwhile no longer active in the live session.
     */
    @Transactional
    public Optional<PushPlan> resume(ActivePush active, String reason) {
        return streams.lock(active.streamId()).filter(s -> s.isLiveIn(active.sessionId()))
                .flatMap(stream -> targets.find(active.streamId(), active.targetId()).filter(TargetRow::enabled)
                        .flatMap(target -> pushes.lockActive(active.targetId(), active.sessionId())
                                .flatMap(push -> destinations.find(stream.partnerId(), target.destinationId())
                                        .map(destination -> retrying(planner.plan(target, destination, active.sessionId()),
                                                push.state(), push.attempt() + 1, Instant.now(), Duration.ZERO, reason)))));
    }

    /** Whether a push planned for a retry should still run now. */
    @Transactional
    public boolean stillRetrying(PushPlan plan) {
        return pushes.lock(plan.targetId(), plan.sessionId()).filter(p -> p.state() == PushState.RETRYING).isPresent();
    }

    /** The stream's live session, if the stream is the partner's and live (locked). */
    private Optional<UUID> liveSession(UUID partnerId, UUID streamId) {
        return streams.lock(streamId).filter(s -> s.partnerId().equals(partnerId) && s.isLive() && s.sessionId() != null)
                .map(StreamView::sessionId);
    }
}
