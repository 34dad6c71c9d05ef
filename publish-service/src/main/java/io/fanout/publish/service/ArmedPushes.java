package io.fanout.publish.service;

import io.fanout.publish.config.PublishConfig;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.NetworkLimits;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.IdleTargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.publish.runner.PushRunner;
import io.fanout.publish.runner.PushSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Pushes armed before their stream goes live, so that a simulcast starts with the encoder's first
 * keyframe. nginx-rtmp keeps no keyframes for late readers: a push that starts reading after the
 * encoder's first keyframe went by waits for the next one (2 s later with a 2 s GOP), and the
 * control path (hook, outbox, Kafka, plan) takes longer than the first frame takes to arrive. So
 * each enabled target of an idle stream this instance owns has its push process running already,
 * reading the stream at the edge, which keeps readers of a stream that is not published waiting and
 * gives them its first frame (nginx's own {@code push} relay does not: it loses the first GOP). Until
 * media flows an armed push opens no connection to its destination.
 *
 * <p>When the session's {@code stream.started} arrives, {@link PushSupervisor} {@link #claim claims}
 * each armed push for its plan instead of starting one: the running process becomes the session's
 * push, and if media already reached the destination the push is broadcasting at once. What cannot be
 * armed starts the usual way: destinations whose network's API opens a broadcast per session, those
 * with a picture limit (they may read a rendition), and anything beyond {@code armed-max} pushes.
 * Arming is on with {@code arm-pushes} (the default) when the runner keeps waiting pushes (local
 * processes; a pod per waiting push would hold a node's resources for streams that may not go live
 * for days).
 *
 * <p>An armed push whose target is no longer wanted (disabled, removed, its stream now owned
 * elsewhere or live without claiming it) is stopped. One that ended before it was claimed is armed
 * again: at once if media had flowed (the stream ended), after {@link #BACK_OFF} if not (its
 * destination refused it; the usual path will report that when the stream goes live). Two bounds
 * keep an armed push from outliving its purpose: media that flows for {@link #CLAIM_TIMEOUT} without
 * a session claiming it (a publisher the edge kept after its stream ended) is stopped, and a claimed
 * push that sees no media within {@code io-timeout} breaks like any push whose source is silent.
 */
@ApplicationScoped
public class ArmedPushes {

    private static final Logger LOG = Logger.getLogger(ArmedPushes.class);
    /** How long a target whose armed push broke before its stream went live waits to be armed again. */
    static final Duration BACK_OFF = Duration.ofSeconds(30);
    /** How long an armed push may send media that no session has claimed (the control path takes about 1 s). */
    public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(15);
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "armed-push-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final IdleTargetRepository idle;
    private final DestinationRepository destinations;
    private final PushPlanner planner;
    private final PushRunner runner;
    private final NetworkBroadcasts networks;
    private final DestinationAddressPolicy addresses;
    private final PublishConfig config;
    /** The armed pushes not claimed yet, by target. Guarded by this. */
    private final Map<UUID, Armed> armed = new HashMap<>();
    /** Armed pushes handed to a session, by target, until they flowed or broke. Guarded by this. */
    private final Map<UUID, Armed> claimed = new HashMap<>();
    /** Targets found unwanted by the last full refresh: disarmed if the next one agrees. Guarded by this. */
    private final Set<UUID> unwanted = new HashSet<>();
    private final Map<UUID, Instant> brokeAt = new HashMap<>();

    public ArmedPushes(IdleTargetRepository idle, DestinationRepository destinations, PushPlanner planner,
            PushRunner runner, NetworkBroadcasts networks, DestinationAddressPolicy addresses, PublishConfig config,
            MeterRegistry registry) {
        this.idle = idle;
        this.destinations = destinations;
        this.planner = planner;
        this.runner = runner;
        this.networks = networks;
        this.addresses = addresses;
        this.config = config;
        Gauge.builder("fanout.publish.armed.pushes", this, ArmedPushes::count)
                .description("Pushes armed for streams that are not live yet").register(registry);
    }

    /** Whether pushes are armed at all (configured so, and the runner can keep them). */
    public boolean enabled() {
        return config.armPushes() && runner.canArm();
    }

    /**
     * Arms the pushes of every idle stream {@code owned} that are not armed yet, up to {@code
     * armed-max}, and stops those that two refreshes in a row found unwanted (a claim may be on its way
     * between the two).
     */
    public synchronized void refresh(Predicate<UUID> owned) {
        if (!enabled()) {
            return;
        }
        Set<UUID> wanted = arm(idle.enabledOfIdleStreams(config.armedMax()), owned);
        Set<UUID> gone = new HashSet<>(armed.keySet());
        gone.removeAll(wanted);
        for (UUID target : List.copyOf(armed.keySet())) {
            if (gone.contains(target) && unwanted.contains(target)) {
                disarm(target);
            }
        }
        unwanted.clear();
        unwanted.addAll(gone);
    }

    /**
     * Brings one stream's armed pushes in line at once (its session just ended, its targets changed):
     * its pushes are armed if it is idle and this instance owns it, and its armed pushes that are not
     * wanted are stopped.
     */
    public synchronized void refresh(Predicate<UUID> owned, UUID streamId) {
        if (!enabled()) {
            return;
        }
        Set<UUID> wanted = owned.test(streamId) ? arm(idle.enabledOfIdleStream(streamId, config.armedMax()), owned)
                : Set.of();
        for (Armed push : List.copyOf(armed.values())) {
            if (push.spec.streamId().equals(streamId) && !wanted.contains(push.spec.targetId())) {
                disarm(push.spec.targetId());
            }
        }
    }

    /** Stops the armed pushes of streams no longer {@code owned}, before another instance may arm them. */
    public synchronized void keepOnly(Predicate<UUID> owned) {
        for (Armed push : List.copyOf(armed.values())) {
            if (!owned.test(push.spec.streamId())) {
                disarm(push.spec.targetId());
            }
        }
    }

    /**
     * Hands the target's armed push to the plan's push, if there is one that does what the plan says
     * (reads the live stream, writes to the same destination): it runs on as that push, reporting to
     * {@code listener}, which hears at once that it is broadcasting if media already flows. An armed
     * push that does not fit the plan is stopped. Returns whether the plan's push now runs.
     */
    public boolean claim(PushPlan plan, PushRunner.Listener listener) {
        boolean flowing;
        synchronized (this) {
            Armed push = armed.remove(plan.targetId());
            if (push == null) {
                return false;
            }
            unwanted.remove(plan.targetId());
            PushSpec wanted = plan.spec();
            if (!runner.isRunning(plan.targetId()) || wanted.slate() || !wanted.sourceUrl().equals(push.spec.sourceUrl())
                    || !Objects.equals(wanted.destinationUrl(), push.spec.destinationUrl())) {
                runner.stop(plan.targetId());
                return false;
            }
            push.claimedBy(wanted, listener);
            runner.claimed(wanted);
            flowing = push.flowing;
            if (!flowing) {
                claimed.put(plan.targetId(), push);
            }
        }
        LOG.infof("%s: claimed the armed push%s", plan.spec(), flowing ? " (already broadcasting)" : "");
        if (flowing) {
            listener.broadcasting(plan.spec());
        } else {
            DEADLINES.schedule(() -> silentAfterClaim(plan), config.ioTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** A claimed push that still saw no media is stopped and reported broken, as a silent source ends any push. */
    private void silentAfterClaim(PushPlan plan) {
        Armed push = claimed(plan.targetId());
        if (push != null && runner.isRunning(plan.targetId())) {
            runner.stop(plan.targetId());
            push.owner.broke(plan.spec(), "no media from the source for " + config.ioTimeout().toSeconds() + " s");
        }
    }

    /** An unclaimed push whose media no session claimed in time is stopped, and armed again after the back-off. */
    private synchronized void unclaimedTooLong(Armed push) {
        if (armed.get(push.spec.targetId()) == push) {
            LOG.warnf("%s sent media for %d s that no session of its stream claimed: stopped", push.spec,
                    CLAIM_TIMEOUT.toSeconds());
            disarm(push.spec.targetId());
            brokeAt.put(push.spec.targetId(), Instant.now());
        }
    }

    /** The claimed push of the target that has not flowed yet, if there is one (it is no longer watched). */
    private synchronized Armed claimed(UUID targetId) {
        return claimed.remove(targetId);
    }

    /** The target's push is being stopped by its owner: a claimed push of it is no longer watched for silence. */
    public synchronized void stopping(UUID targetId) {
        claimed.remove(targetId);
    }

    /** Whether the target has an armed push waiting for its stream. */
    public synchronized boolean isArmed(UUID targetId) {
        return armed.containsKey(targetId);
    }

    synchronized int count() {
        return armed.size();
    }

    /** Arms what is not armed among {@code targets} (those owned); returns the targets that should be armed. */
    private Set<UUID> arm(List<TargetRow> targets, Predicate<UUID> owned) {
        Set<UUID> wanted = new HashSet<>();
        Instant now = Instant.now();
        brokeAt.values().removeIf(at -> at.plus(BACK_OFF).isBefore(now));
        for (TargetRow target : targets) {
            if (!owned.test(target.streamId())) {
                continue;
            }
            wanted.add(target.id());
            Armed current = armed.get(target.id());
            if (current != null && runner.isRunning(target.id())) {
                continue;
            }
            armed.remove(target.id());
            if (armed.size() < config.armedMax() && !brokeAt.containsKey(target.id()) && !runner.isRunning(target.id())) {
                destinations.find(target.partnerId(), target.destinationId()).map(d -> spec(target, d))
                        .ifPresent(this::start);
            }
        }
        return wanted;
    }

    /** The armed push of the target, if its destination can have one. */
    private PushSpec spec(TargetRow target, DestinationRow destination) {
        if (networks.hasApi(destination.network())
                || NetworkLimits.of(destination.network()).pictureLimit(destination.maxVideoHeight()) != null) {
            return null;
        }
        String key = planner.key(destination);
        String url = PushPlanner.publishUrl(destination, key);
        if (url == null || !addresses.check(url).allowed()) {
            return null;
        }
        return PushSpec.armed(target.id(), target.streamId(), planner.liveUrl(target.streamId()), url, key);
    }

    private void start(PushSpec spec) {
        Armed push = new Armed(spec);
        if (runner.start(spec, push)) {
            armed.put(spec.targetId(), push);
            LOG.debugf("%s: armed for stream %s", spec, spec.streamId());
        }
    }

    private void disarm(UUID target) {
        armed.remove(target);
        unwanted.remove(target);
        runner.stop(target);
    }

    private synchronized void broke(Armed push, String reason) {
        if (!armed.remove(push.spec.targetId(), push)) {
            return;
        }
        if (push.flowing) {
            LOG.infof("%s ended before its stream's session was claimed: %s", push.spec, reason);
        } else {
            brokeAt.put(push.spec.targetId(), Instant.now());
            LOG.infof("%s broke before media flowed (armed again in %d s): %s", push.spec, BACK_OFF.toSeconds(), reason);
        }
    }

    /**
     * The runner's listener of an armed push: it remembers that media flows until the push is claimed,
     * then reports everything to the claiming push's listener.
     */
    private final class Armed implements PushRunner.Listener {

        private final PushSpec spec;
        private volatile PushSpec claimedAs;
        private volatile PushRunner.Listener owner;
        private boolean flowing;

        Armed(PushSpec spec) {
            this.spec = spec;
        }

        void claimedBy(PushSpec as, PushRunner.Listener listener) {
            claimedAs = as;
            owner = listener;
        }

        @Override
        public void broadcasting(PushSpec push) {
            synchronized (ArmedPushes.this) {
                flowing = true;
                if (owner == null) {
                    DEADLINES.schedule(() -> unclaimedTooLong(this), CLAIM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                claimed.remove(spec.targetId(), this);
            }
            owner.broadcasting(claimedAs);
        }

        @Override
        public void progress(PushSpec push, long totalBytes) {
            PushRunner.Listener listener = owner;
            if (listener != null) {
                listener.progress(claimedAs, totalBytes);
            }
        }

        @Override
        public void broke(PushSpec push, String reason) {
            synchronized (ArmedPushes.this) {
                if (owner == null) {
                    ArmedPushes.this.broke(this, reason);
                    return;
                }
                claimed.remove(spec.targetId(), this);
            }
            owner.broke(claimedAs, reason);
        }
    }
}
