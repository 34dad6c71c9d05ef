package io.fanout.publish.service;

import io.fanout.publish.persistence.CatalogPlanRepository;
import io.fanout.publish.persistence.CatalogPlanRepository.PlanRow;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.TargetRepository;
import io.fanout.publish.persistence.TargetRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Targets from catalog matches' destination plans ({@code catalog-events}): a match names its
 * stream and the partner's destinations it is simulcast to; its targets follow the latest plan (by
 * the match's {@code version}) while the stream is idle or live: destinations added get targets
 * (and pushes at once if live), destinations dropped lose theirs ({@code TARGET_REMOVED}), a cancelled
 * match loses them all. Targets the partner added through the API are never touched, and a
 * destination or stream of another partner in a plan is ignored. A plan whose stream is not known
 * here yet is kept and applied when the stream's {@code stream.created} arrives; a plan and its
 * stream arriving at the same moment are serialised on the stream's id, so one of the two applies
 * the plan (without that, each could miss the other's uncommitted row). Each change is
 * recorded in one transaction; once it is committed, the supervisor stops the pushes a plan dropped
 * and starts the ones it added.
 */
@ApplicationScoped
public class CatalogPlans {

    /** What a plan change asks of the supervisor. */
    private record Changes(List<PushPlan> start, List<UUID> stop) {

        static final Changes NONE = new Changes(List.of(), List.of());
    }

    private final CatalogPlanRepository plans;
    private final StreamRepository streams;
    private final TargetRepository targets;
    private final DestinationRepository destinations;
    private final PushAttempts attempts;
    private final TargetCommands commands;
    private final PushSupervisor supervisor;

    public CatalogPlans(CatalogPlanRepository plans, StreamRepository streams, TargetRepository targets,
            DestinationRepository destinations, PushAttempts attempts, TargetCommands commands, PushSupervisor supervisor) {
        this.plans = plans;
        this.streams = streams;
        this.targets = targets;
        this.destinations = destinations;
        this.attempts = attempts;
        this.commands = commands;
        this.supervisor = supervisor;
    }

    /**
     * A match was scheduled or updated; older versions than the stored plan change nothing.
     * {@code titles} are the broadcast titles of the plan's destinations (for networks with an API).
     */
    public void planned(String eventId, UUID partnerId, long version, UUID streamId, Map<UUID, String> titles) {
        act(QuarkusTransaction.requiringNew().call(() -> recordPlan(eventId, partnerId, version, streamId, titles)));
    }

    private Changes recordPlan(String eventId, UUID partnerId, long version, UUID streamId, Map<UUID, String> titles) {
        Optional<PlanRow> previous = plans.lock(eventId);
        if (previous.isPresent() && previous.get().version() >= version) {
            return Changes.NONE;
        }
        if (previous.isEmpty() && streamId == null && titles.isEmpty()) {
            // A match without stream or plan asks nothing of publish-service yet (most of a feed's new
            // matches): nothing to keep. Its later versions arrive after this one on their partition.
            return Changes.NONE;
        }
        PlanRow plan = new PlanRow(eventId, partnerId, streamId, List.copyOf(titles.keySet()), version, false);
        plans.save(plan);
        plans.saveTitles(eventId, titles);
        return apply(plan, previous);
    }

    /** The match was cancelled: its targets go. */
    public void cancelled(String eventId, UUID partnerId, long version) {
        act(QuarkusTransaction.requiringNew().call(() -> recordCancel(eventId, partnerId, version)));
    }

    private Changes recordCancel(String eventId, UUID partnerId, long version) {
        Optional<PlanRow> previous = plans.lock(eventId);
        if (previous.isPresent() && previous.get().version() >= version) {
            return Changes.NONE;
        }
        PlanRow plan = new PlanRow(eventId, partnerId, previous.map(PlanRow::streamId).orElse(null), List.of(), version, true);
        plans.save(plan);
        return apply(plan, previous);
    }

    /** The stream became known here: the plans that were waiting for it are applied. */
    public void streamKnown(UUID streamId) {
        act(QuarkusTransaction.requiringNew().call(() -> applyWaiting(streamId)));
    }

    /** After commit: the pushes a plan dropped stop, then the ones it added start. */
    private void act(Changes changes) {
        supervisor.stop(changes.stop());
        supervisor.start(changes.start());
    }

    private Changes applyWaiting(UUID streamId) {
        plans.lockStreamPlans(streamId);
        List<PushPlan> start = new ArrayList<>();
        List<UUID> stop = new ArrayList<>();
        for (PlanRow plan : plans.forStream(streamId)) {
            Changes changes = apply(plan, Optional.empty());
            start.addAll(changes.start());
            stop.addAll(changes.stop());
        }
        return new Changes(start, stop);
    }

    private Changes apply(PlanRow plan, Optional<PlanRow> previous) {
        List<PushPlan> start = new ArrayList<>();
        List<UUID> stop = new ArrayList<>();
        UUID moved = previous.map(PlanRow::streamId).filter(s -> !s.equals(plan.streamId())).orElse(null);
        if (moved != null) {
            removeAll(plan.eventId(), moved, stop);
        }
        UUID stream = plan.streamId();
        if (stream == null) {
            return new Changes(start, stop);
        }
        plans.lockStreamPlans(stream);
        if (!streams.ownedBy(stream, plan.partnerId())) {
            return new Changes(start, stop);
        }
        if (plan.cancelled()) {
            removeAll(plan.eventId(), stream, stop);
            return new Changes(start, stop);
        }
        for (TargetRow target : planTargets(plan.eventId(), stream)) {
            if (!plan.destinationIds().contains(target.destinationId())) {
                remove(target, stop);
            }
        }
        for (UUID destination : plan.destinationIds()) {
            if (destinations.find(plan.partnerId(), destination).isPresent() && !targets.exists(stream, destination)) {
                TargetRow target = new TargetRow(UUID.randomUUID(), plan.partnerId(), stream, destination, true,
                        Instant.now(), plan.eventId());
                targets.insert(target);
                attempts.startIfLive(plan.partnerId(), stream, target.id()).ifPresent(start::add);
            }
        }
        return new Changes(start, stop);
    }

    private List<TargetRow> planTargets(String eventId, UUID streamId) {
        return targets.of(streamId, false).stream().filter(t -> eventId.equals(t.matchEventId())).toList();
    }

    private void removeAll(String eventId, UUID streamId, List<UUID> stop) {
        planTargets(eventId, streamId).forEach(target -> remove(target, stop));
    }

    private void remove(TargetRow target, List<UUID> stop) {
        if (commands.drop(target)) {
            stop.add(target.id());
        }
    }
}
