package io.fanout.publish.service;

import io.fanout.contracts.push.FailureCause;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.DestinationAddressPolicy.Verdict;
import io.fanout.publish.domain.PushFailures;
import io.fanout.publish.network.NetworkException;
import io.fanout.publish.persistence.PushRepository.ActivePush;
import io.fanout.publish.runner.PushRunner;
import io.fanout.publish.runner.PushSpec;
import io.fanout.servicekit.messaging.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs the pushes that sessions, target commands and catalog plans decided on: starts planned pushes,
 * stops ended ones, reports progress and breakage back, and runs a broken push's next attempt when
 * the retry policy's wait is over (or at once on "retry now"), for as long as it is still meant to
 * run. What a push's process does is recorded through {@link PushAttempts}. Only the latest planned
 * attempt of a target ever starts. A failing push never touches the others.
 *
 * <p>An instance runs only the pushes of the streams it owns: those whose {@code stream-lifecycle}
 * partition its consumer holds ({@link #ownershipChanged}). A stream it stops owning has its pushes
 * released before the partition can go to another instance; a stream it starts owning has its active
 * pushes adopted (pods still running) or resumed at once. Every {@code reconcile-interval} the running pushes are compared with the
 * stored ones: an active push that runs nowhere here is resumed, a running push that is no longer
 * active (changed through another instance's API) is stopped, and the pushes of a stream whose
 * sources changed through another instance switch to what they should read.
 */
@ApplicationScoped
public class PushSupervisor {

    private static final Logger LOG = Logger.getLogger(PushSupervisor.class);
    /** How old a decision must be before reconciliation second-guesses it (a start may be in flight). */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final PushStatuses statuses;
    private final PushAttempts attempts;
    private final PushRunner runner;
    private final DestinationAddressPolicy addresses;
    private final PushMetrics metrics;
    private final NetworkBroadcasts networks;
    private final ArmedPushes armed;
    private final EventTracing tracing;
    private final Map<UUID, PushPlan> plans = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> plannedAt = new ConcurrentHashMap<>();
    /** The sources version of each owned stream at the last reconciliation. */
    private final Map<UUID, Long> sourcesSeen = new ConcurrentHashMap<>();
    private volatile Predicate<UUID> owns = stream -> false;
    /** Set once this instance stops: whatever its consumer is assigned from then on, it owns nothing. */
    private volatile boolean departed;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "push-retries");
        thread.setDaemon(true);
        return thread;
    });

    public PushSupervisor(PushAttempts attempts, PushRunner runner, DestinationAddressPolicy addresses,
            PushMetrics metrics, NetworkBroadcasts networks, PushStatuses statuses, ArmedPushes armed,
            EventTracing tracing) {
        this.tracing = tracing;
        this.networks = networks;
        this.armed = armed;
        this.statuses = statuses;
        this.attempts = attempts;
        this.runner = runner;
        this.addresses = addresses;
        this.metrics = metrics;
    }

    public void start(List<PushPlan> planned) {
        planned.forEach(plan -> run(plan, false));
    }

    /**
     * The stream's session ended: its pushes stop ({@code stopped}: those that were active), its
     * broadcasts on the networks end, and its pushes are armed for the next session.
     */
    public void streamEnded(UUID streamId, UUID sessionId, List<UUID> stopped) {
        stop(stopped);
        networks.endAll(streamId, sessionId);
        armed.refresh(owns, streamId);
    }

    /** The stream's targets changed (through this instance's API): its armed pushes follow at once. */
    public void targetsChanged(UUID streamId) {
        armed.refresh(owns, streamId);
    }

    public void stop(List<UUID> targets) {
        for (UUID target : targets) {
            forget(target);
            halt(target);
        }
    }

    /**
     * Runs the planned pushes in place of the targets' current ones: a stream switching between its
     * live picture and the slate. The old process stops first (one push per key), then the new one
     * starts; a retry that was waiting for the old plan is dropped.
     */
    public void switchSource(List<PushPlan> planned) {
        for (PushPlan plan : planned) {
            LOG.infof("%s: switching to %s", plan.spec(), plan.spec().slate() ? "the slate" : plan.spec().sourceUrl());
            remember(plan);
            halt(plan.targetId());
            run(plan, false);
        }
    }

    /**
     * What the stream's pushes could read changed (a rendition relay came or went, the live picture
     * was measured at another size). If this instance owns the stream, each running push whose
     * source is now another one switches to it; a push waiting for a retry reads the new source
     * when it runs. Another instance's pushes are its own reconciliation's job.
     */
    public void sourcesChanged(UUID streamId) {
        if (!owns.test(streamId)) {
            return;
        }
        List<PushPlan> changed = attempts.replan(streamId).stream().filter(fresh -> {
            PushPlan current = plans.get(fresh.targetId());
            return current != null && runner.isRunning(fresh.targetId()) && !sameSource(current.spec(), fresh.spec());
        }).toList();
        switchSource(changed);
    }

    private static boolean sameSource(PushSpec a, PushSpec b) {
        return a.slate() == b.slate() && (a.slate() || a.sourceUrl().equals(b.sourceUrl()));
    }

    /**
     * The streams this instance owns changed. Pushes of streams it no longer owns are released now,
     * on the caller's thread (the Kafka consumer's, before the partition goes elsewhere): the push
     * (a local process, a pod) runs on for the new owner to adopt. The active pushes of newly owned
     * streams are adopted or resumed in the background.
     */
    public void ownershipChanged(Predicate<UUID> assigned) {
        Predicate<UUID> owned = departed ? stream -> false : assigned;
        Predicate<UUID> before = owns;
        synchronized (this) {
            owns = owned;
            armed.keepOnly(owned);
            for (PushPlan plan : List.copyOf(plans.values())) {
                if (!owned.test(plan.streamId())) {
                    LOG.infof("stream %s moved to another instance: releasing its push of target %s", plan.streamId(),
                            plan.targetId());
                    forget(plan.targetId());
                    armed.stopping(plan.targetId());
                    runner.release(plan.targetId());
                }
            }
        }
        retries.execute(() -> {
            resume(a -> owned.test(a.streamId()) && !before.test(a.streamId()),
                    "resumed by the instance that now owns the stream");
            armed.refresh(owned);
        });
    }

    /**
     * This instance is stopping: it owns no stream any more, so every push is released (it runs on
     * for its adopter) and nothing starts here again.
     */
    public void releaseAll() {
        departed = true;
        ownershipChanged(stream -> false);
    }

    /** Resumes what should run but does not, and stops what runs but should not. */
    @Scheduled(every = "${fanout.publish.reconcile-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        Instant settled = Instant.now().minus(SETTLE);
        List<ActivePush> active = resume(a -> owns.test(a.streamId()) && a.updatedAt().isBefore(settled),
                "not running on the instance that owns the stream");
        Set<UUID> shouldRun = active.stream().map(ActivePush::targetId).collect(Collectors.toSet());
        runner.sweep(owns, shouldRun);
        armed.refresh(owns);
        // Sources changed through another instance (it consumed the rendition or the measurement).
        Map<UUID, Long> versions = active.stream().filter(a -> owns.test(a.streamId()))
                .collect(Collectors.toMap(ActivePush::streamId, ActivePush::sourcesVersion, Math::max));
        sourcesSeen.keySet().retainAll(versions.keySet());
        versions.forEach((stream, version) -> {
            // A stream seen for the first time is checked too: its change may predate this instance.
            if (!version.equals(sourcesSeen.put(stream, version))) {
                sourcesChanged(stream);
            }
        });
        for (PushPlan plan : List.copyOf(plans.values())) {
            Instant at = plannedAt.get(plan.targetId());
            if (!shouldRun.contains(plan.targetId()) && runner.isRunning(plan.targetId()) && at != null
                    && at.isBefore(settled)) {
                LOG.infof("push of target %s runs but is no longer active: stopping it", plan.targetId());
                forget(plan.targetId());
                halt(plan.targetId());
            }
        }
    }

    /**
     * Takes over the active pushes that match and that this instance does not know: a push still
     * running (a process or a pod another instance released) is adopted as it is, without an event;
     * any other is started again ({@code push.retrying} with {@code reason}). Returns all active
     * pushes. One resumption at a time: the reconciliation's and a new ownership's ran together,
     * and the second, finding the push just adopted by the first, started it "again" (a spurious
     * {@code push.retrying}; seen once in four runs of {@code StreamOwnershipTest}).
     */
    private synchronized List<ActivePush> resume(Predicate<ActivePush> which, String reason) {
        List<ActivePush> active = attempts.active();
        for (ActivePush push : active) {
            if (which.test(push) && !plans.containsKey(push.targetId())) {
                Optional<PushPlan> current = attempts.planOf(push);
                if (current.isPresent() && adopt(current.get())) {
                    continue;
                }
                attempts.resume(push, reason).ifPresent(plan -> run(plan, true));
            }
        }
        return active;
    }

    private synchronized boolean adopt(PushPlan plan) {
        if (!owns.test(plan.streamId()) || !runner.adopt(plan.spec(), listenerFor(plan))) {
            return false;
        }
        remember(plan);
        return true;
    }

    /**
     * Runs the plan's push in a span of the current trace ({@code start push}). {@code nextAttempt}:
     * the push ran before and stopped (broke, was retried on request, or runs nowhere any more), so a
     * network's broadcast may have ended meanwhile; a source switch or a first start is not one.
     */
    private void run(PushPlan plan, boolean nextAttempt) {
        tracing.inSpan("start push", () -> start(plan, nextAttempt));
    }

    private void start(PushPlan plan, boolean nextAttempt) {
        Span.current().setAttribute("fanout.target_id", plan.targetId().toString())
                .setAttribute("fanout.network", plan.network().name()).setAttribute("fanout.attempt", plan.attempt());
        remember(plan);
        if (armed.claim(plan, listenerFor(plan))) {
            Span.current().setAttribute("fanout.armed_push_claimed", true);
            return;
        }
        PushSpec spec = plan.spec();
        String ingestUrl = plan.ingestUrl();
        if (networks.hasApi(plan.network())) {
            try {
                NetworkBroadcasts.Prepared prepared = networks.prepare(plan, nextAttempt);
                spec = prepared.spec();
                ingestUrl = prepared.ingestUrl();
            } catch (NetworkException e) {
                LOG.warnf("push of target %s not started: %s", plan.targetId(), e.getMessage());
                if (e.kind().retryable()) {
                    attempts.broke(plan, e.getMessage(), e.retryAfter()).ifPresent(this::schedule);
                } else {
                    forget(plan.targetId());
                    attempts.failed(plan, e.kind() == NetworkException.Kind.CREDENTIALS_REFUSED
                            ? FailureCause.CREDENTIALS_REFUSED : FailureCause.DESTINATION_REFUSED, e.getMessage());
                }
                return;
            }
        }
        // Judged again before every start: a name may resolve elsewhere than when it was saved.
        Verdict verdict = addresses.check(ingestUrl);
        if (!verdict.allowed()) {
            LOG.warnf("push of target %s not started: destination %s", plan.targetId(), verdict.reason());
            if (verdict.unresolved()) {
                attempts.broke(plan, verdict.reason()).ifPresent(this::schedule);
            } else {
                forget(plan.targetId());
                attempts.failed(plan, FailureCause.DESTINATION_NOT_ALLOWED, "destination " + verdict.reason());
            }
            return;
        }
        synchronized (this) {
            if (!owns.test(plan.streamId())) {
                LOG.infof("push of target %s not started: stream %s is owned by another instance", plan.targetId(),
                        plan.streamId());
                forget(plan.targetId());
                return;
            }
            runner.start(spec, listenerFor(plan));
        }
    }

    /** What the runner tells about the plan's push goes to {@link PushAttempts} (and the metrics). */
    private PushRunner.Listener listenerFor(PushPlan plan) {
        return new PushRunner.Listener() {
            private long written;

            @Override
            public void broadcasting(PushSpec push) {
                attempts.broadcasting(plan);
                networks.goLive(plan, () -> plans.get(plan.targetId()) == plan,
                        reason -> attempts.degraded(plan, reason));
            }

            @Override
            public void progress(PushSpec push, long totalBytes) {
                if (totalBytes > written) {
                    metrics.bytesOut(plan.network(), totalBytes - written);
                    written = totalBytes;
                }
                statuses.progress(plan, totalBytes);
            }

            @Override
            public void broke(PushSpec push, String reason) {
                LOG.warnf("%s broke: %s", push, reason);
                statuses.ended(plan.targetId());
                if (PushFailures.untrustedDestination(reason)) {
                    // The certificate will not change by itself, and the key is never sent to a peer not trusted.
                    forgetIfLatest(plan);
                    attempts.failed(plan, FailureCause.DESTINATION_UNTRUSTED, reason);
                    return;
                }
                attempts.broke(plan, reason).ifPresentOrElse(PushSupervisor.this::schedule, () -> forgetIfLatest(plan));
            }
        };
    }

    /** Runs the target's push again now ("retry now"), superseding a retry that was waiting. */
    public void retryNow(PushPlan plan) {
        run(plan, true);
    }

    private void schedule(PushAttempts.Retry retry) {
        remember(retry.plan());
        retries.schedule(() -> retry(retry.plan()), retry.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled attempt runs only if it is still the target's latest plan and the push still waits for it. */
    private void retry(PushPlan plan) {
        if (plans.get(plan.targetId()) == plan && attempts.stillRetrying(plan)) {
            run(plan, true);
        }
    }

    private void remember(PushPlan plan) {
        plans.put(plan.targetId(), plan);
        plannedAt.put(plan.targetId(), Instant.now());
    }

    /** Exhausted or stopped meanwhile: nothing more to run for this plan, unless a newer one replaced it. */
    private void forgetIfLatest(PushPlan plan) {
        if (plans.remove(plan.targetId(), plan)) {
            plannedAt.remove(plan.targetId());
        }
    }

    private void forget(UUID target) {
        plans.remove(target);
        plannedAt.remove(target);
    }

    /** Stops the target's push (armed, claimed or planned), and waits for it to end. */
    private void halt(UUID target) {
        armed.stopping(target);
        runner.stop(target);
    }

    @PreDestroy
    void shutdown() {
        retries.shutdownNow();
    }
}
