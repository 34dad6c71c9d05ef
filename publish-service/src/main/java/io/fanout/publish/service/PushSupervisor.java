package io.fanout.publish.service;

import io.fanout.contracts.push.FailureCause;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.DestinationAddressPolicy.Verdict;
import io.fanout.publish.runner.PushRunner;
import io.fanout.publish.runner.PushSpec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the running pushes in line with {@link PushService}'s decisions: starts planned pushes,
 * stops ended ones, reports progress and breakage back, and runs a broken push's next attempt when
 * the retry policy's wait is over (or at once on "retry now"), for as long as it is still meant to
 * run. Only the latest planned attempt of a target ever starts. A failing push never touches the others.
 */
@ApplicationScoped
public class PushSupervisor {

    private static final Logger LOG = Logger.getLogger(PushSupervisor.class);

    private final PushService pushes;
    private final PushRunner runner;
    private final DestinationAddressPolicy addresses;
    private final Map<UUID, PushPlan> plans = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "push-retries");
        thread.setDaemon(true);
        return thread;
    });

    public PushSupervisor(PushService pushes, PushRunner runner, DestinationAddressPolicy addresses) {
        this.pushes = pushes;
        this.runner = runner;
        this.addresses = addresses;
    }

    public void start(List<PushPlan> planned) {
        planned.forEach(this::run);
    }

    public void stop(List<UUID> targets) {
        for (UUID target : targets) {
            plans.remove(target);
            runner.stop(target);
        }
    }

    private void run(PushPlan plan) {
        plans.put(plan.targetId(), plan);
        // Judged again before every start: a name may resolve elsewhere than when it was saved.
        Verdict verdict = addresses.check(plan.ingestUrl());
        if (!verdict.allowed()) {
            LOG.warnf("push of target %s not started: destination %s", plan.targetId(), verdict.reason());
            if (verdict.unresolved()) {
                pushes.broke(plan, verdict.reason()).ifPresent(this::schedule);
            } else {
                plans.remove(plan.targetId());
                pushes.failed(plan, FailureCause.DESTINATION_NOT_ALLOWED, "destination " + verdict.reason());
            }
            return;
        }
        runner.start(plan.spec(), new PushRunner.Listener() {
            @Override
            public void broadcasting(PushSpec push) {
                pushes.broadcasting(plan);
            }

            @Override
            public void broke(PushSpec push, String reason) {
                LOG.warnf("%s broke: %s", push, reason);
                pushes.broke(plan, reason).ifPresent(PushSupervisor.this::schedule);
            }
        });
    }

    /** Runs the target's push again now ("retry now"), superseding a retry that was waiting. */
    public void retryNow(PushPlan plan) {
        run(plan);
    }

    private void schedule(PushService.Retry retry) {
        plans.put(retry.plan().targetId(), retry.plan());
        retries.schedule(() -> retry(retry.plan()), retry.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled attempt runs only if it is still the target's latest plan and the push still waits for it. */
    private void retry(PushPlan plan) {
        PushPlan latest = plans.get(plan.targetId());
        if (latest != null && latest.attempt() == plan.attempt() && pushes.stillRetrying(plan)) {
            run(plan);
        }
    }

    @PreDestroy
    void shutdown() {
        retries.shutdownNow();
    }
}
