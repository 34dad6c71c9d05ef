package io.fanout.publish.service;

import io.fanout.publish.persistence.CatalogPlanRepository;
import io.fanout.publish.persistence.CatalogPlanRepository.PlanRow;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.StreamTargetRepository;
import io.fanout.publish.persistence.TargetRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
 * here yet is kept and applied when the stream's {@code stream.created} arrives.
 */
@ApplicationScoped
public class CatalogPlans {

    /** What a plan change asks the supervisor to do. */
    public record Changes(List<PushPlan> start, List<UUID> stop) {

        static final Changes NONE = new Changes(List.of(), List.of());
    }

    private final CatalogPlanRepository plans;
    private final StreamTargetRepository streams;
    private final DestinationRepository destinations;
    private final PushService pushes;

    public CatalogPlans(CatalogPlanRepository plans, StreamTargetRepository streams, DestinationRepository destinations,
            PushService pushes) {
        this.plans = plans;
        this.streams = streams;
        this.destinations = destinations;
        this.pushes = pushes;
    }

    /**
     * A match was scheduled or updated; older versions than the stored plan change nothing.
     * {@code titles} are the broadcast titles of the plan's destinations (for networks with an API).
     */
    @Transactional
    public Changes planned(String eventId, UUID partnerId, long version, UUID streamId, Map<UUID, String> titles) {
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
    @Transactional
    public Changes cancelled(String eventId, UUID partnerId, long version) {
        Optional<PlanRow> previous = plans.lock(eventId);
        if (previous.isPresent() && previous.get().version() >= version) {
            return Changes.NONE;
        }
        PlanRow plan = new PlanRow(eventId, partnerId, previous.map(PlanRow::streamId).orElse(null), List.of(), version, true);
        plans.save(plan);
        return apply(plan, previous);
    }

    /** The stream became known here: the plans that were waiting for it are applied. */
    @Transactional
    public Changes streamKnown(UUID streamId) {
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
            removeAll(plan.eventId(), plan.partnerId(), moved, stop);
        }
        UUID stream = plan.streamId();
        if (stream == null || !streams.streamOwnedBy(stream, plan.partnerId())) {
            return new Changes(start, stop);
        }
        if (plan.cancelled()) {
            removeAll(plan.eventId(), plan.partnerId(), stream, stop);
            return new Changes(start, stop);
        }
        for (TargetRow target : planTargets(plan.eventId(), stream)) {
            if (!plan.destinationIds().contains(target.destinationId())) {
                remove(plan.partnerId(), target, stop);
            }
        }
        for (UUID destination : plan.destinationIds()) {
            if (destinations.find(plan.partnerId(), destination).isPresent() && !streams.targetExists(stream, destination)) {
                TargetRow target = new TargetRow(UUID.randomUUID(), plan.partnerId(), stream, destination, true,
                        Instant.now(), plan.eventId());
                streams.insertTarget(target);
                pushes.startIfLive(plan.partnerId(), stream, target.id()).ifPresent(start::add);
            }
        }
        return new Changes(start, stop);
    }

    private List<TargetRow> planTargets(String eventId, UUID streamId) {
        return streams.targets(streamId, false).stream().filter(t -> eventId.equals(t.matchEventId())).toList();
    }

    private void removeAll(String eventId, UUID partnerId, UUID streamId, List<UUID> stop) {
        planTargets(eventId, streamId).forEach(target -> remove(partnerId, target, stop));
    }

    private void remove(UUID partnerId, TargetRow target, List<UUID> stop) {
        if (pushes.remove(partnerId, target.streamId(), target.id()).orElse(false)) {
            stop.add(target.id());
        }
    }
}
