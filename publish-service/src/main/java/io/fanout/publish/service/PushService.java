package io.fanout.publish.service;

import io.fanout.contracts.push.FailureCause;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.push.PreflightViolation;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.push.StopReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.publish.domain.PushState;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fanout.contracts.Json;
import io.fanout.publish.domain.NetworkLimits;
import io.fanout.publish.domain.PushSource;
import io.fanout.publish.domain.Rendition;
import io.fanout.publish.persistence.RenditionRepository;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.publish.persistence.DestinationRepository;
import io.fanout.publish.persistence.NetworkBroadcastRepository;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.persistence.StreamTargetRepository;
import io.fanout.publish.persistence.StreamTargetRepository.ActivePush;
import io.fanout.publish.persistence.StreamTargetRepository.PushRecord;
import io.fanout.publish.persistence.StreamTargetRepository.StreamView;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The state of streams and pushes as publish-service sees them, and the push-status events that
 * describe every change (written through the outbox in the same transaction). Stream events older
 * than what is stored (by the stream's sequence) are replays and change nothing. Running the media
 * is {@link PushSupervisor}'s job, after these transactions commit.
 */
@ApplicationScoped
public class PushService {

    private final StreamTargetRepository streams;
    private final DestinationRepository destinations;
    private final OutboxRepository outbox;
    private final PushPlanner planner;
    private final RetryPolicies retryPolicies;
    private final PushMetrics metrics;
    private final NetworkBroadcastRepository broadcasts;
    private final RenditionRepository renditions;
    private final Random random = new Random();

    public PushService(StreamTargetRepository streams, DestinationRepository destinations, OutboxRepository outbox,
            PushPlanner planner, RetryPolicies retryPolicies, PushMetrics metrics,
            NetworkBroadcastRepository broadcasts, RenditionRepository renditions) {
        this.broadcasts = broadcasts;
        this.renditions = renditions;
        this.streams = streams;
        this.destinations = destinations;
        this.outbox = outbox;
        this.planner = planner;
        this.retryPolicies = retryPolicies;
        this.metrics = metrics;
    }

    @Transactional
    public void streamCreated(StreamCreated e) {
        UUID id = UUID.fromString(e.streamId());
        if (isNew(id, e.sequence())) {
            streams.saveStream(new StreamView(id, UUID.fromString(e.partnerId()), "IDLE", null, e.sequence()), e.occurredAt());
            streams.setTitle(id, e.name());
        }
    }

    /** Records the new session and plans one push per enabled target (each now {@code starting}). */
    @Transactional
    public List<PushPlan> streamStarted(StreamStarted e) {
        UUID streamId = UUID.fromString(e.streamId());
        if (!isNew(streamId, e.sequence())) {
            return List.of();
        }
        UUID partnerId = UUID.fromString(e.partnerId());
        UUID sessionId = UUID.fromString(e.sessionId());
        streams.saveStream(new StreamView(streamId, partnerId, "LIVE", sessionId, e.sequence()), e.occurredAt());
        streams.sessionStarted(streamId, e.occurredAt());
        streams.setOnSlate(streamId, false);
        renditions.forgetOtherSessions(streamId, sessionId);
        List<PushPlan> plans = new ArrayList<>();
        for (TargetRow target : streams.targets(streamId, true)) {
            destinations.find(partnerId, target.destinationId()).ifPresent(destination -> {
                PushPlan plan = plan(target, destination, sessionId);
                streams.savePush(new PushRecord(target.id(), sessionId, PushState.move(null, PushState.STARTING), 1),
                        Instant.now());
                outbox.append(new PushStarting(target.id().toString(), e.streamId(), e.partnerId(), e.sessionId(),
                        destination.id().toString(), destination.network(), Instant.now(), 1));
                plans.add(plan);
            });
        }
        return plans;
    }

    /**
     * The encoder is gone but the reconnect window is open: the session's active pushes switch to the
     * slate, so that the destinations keep receiving media and do not end their broadcasts. Their
     * states stay as they are (a slate is broadcasting); returns the plans to switch to.
     */
    @Transactional
    public List<PushPlan> streamInterrupted(StreamInterrupted e) {
        return switchSource(e.streamId(), e.sequence(), e.sessionId(), true);
    }

    /** The encoder is back inside the window: the session's active pushes switch back to the live stream. */
    @Transactional
    public List<PushPlan> streamResumed(StreamResumed e) {
        return switchSource(e.streamId(), e.sequence(), e.sessionId(), false);
    }

    private List<PushPlan> switchSource(String stream, long sequence, String session, boolean slate) {
        UUID streamId = UUID.fromString(stream);
        UUID sessionId = UUID.fromString(session);
        Optional<StreamView> view = streams.lockStream(streamId)
                .filter(s -> sequence > s.lastSequence() && sessionId.equals(s.sessionId()) && "LIVE".equals(s.state()));
        if (view.isEmpty()) {
            return List.of();
        }
        StreamView current = view.get();
        streams.saveStream(new StreamView(streamId, current.partnerId(), "LIVE", sessionId, sequence), Instant.now());
        streams.setOnSlate(streamId, slate);
        return activePlans(streamId, sessionId);
    }

    /** Marks the session's active pushes {@code stopped}; returns the targets whose pushes must stop. */
    @Transactional
    public List<UUID> streamEnded(StreamEnded e) {
        UUID streamId = UUID.fromString(e.streamId());
        if (!isNew(streamId, e.sequence())) {
            return List.of();
        }
        UUID sessionId = UUID.fromString(e.sessionId());
        streams.saveStream(new StreamView(streamId, UUID.fromString(e.partnerId()), "ENDED", sessionId, e.sequence()),
                e.occurredAt());
        List<UUID> stopped = new ArrayList<>();
        for (TargetRow target : streams.targets(streamId, false)) {
            Optional<PushRecord> push = streams.push(target.id(), sessionId).filter(p -> p.state().isActive());
            if (push.isPresent()) {
                streams.savePush(new PushRecord(target.id(), sessionId, PushState.move(push.get().state(), PushState.STOPPED),
                        push.get().attempt(), StopReason.STREAM_ENDED.name()), Instant.now());
                DestinationRow destination = destinations.find(target.partnerId(), target.destinationId()).orElseThrow();
                outbox.append(new PushStopped(target.id().toString(), e.streamId(), e.partnerId(), e.sessionId(),
                        destination.id().toString(), destination.network(), Instant.now(), StopReason.STREAM_ENDED));
                stopped.add(target.id());
            }
        }
        return stopped;
    }

    /**
     * The stream's ingest was measured ({@code stream-health}): every active push of its live session
     * is checked against its network's documented limits, and a push whose violations changed gets a
     * {@code push.preflight} with the new list (empty: it no longer breaks any). Returns whether the
     * live picture's size changed, which may change what pushes read ({@link #replan}).
     */
    @Transactional
    public boolean healthMeasured(StreamHealth health) {
        UUID streamId = UUID.fromString(health.streamId());
        UUID sessionId = UUID.fromString(health.sessionId());
        Optional<StreamView> stream = streams.lockStream(streamId)
                .filter(s -> "LIVE".equals(s.state()) && sessionId.equals(s.sessionId()));
        if (stream.isEmpty()) {
            return false;
        }
        streams.setKeyframeInterval(streamId, health.keyframeIntervalSeconds());
        boolean resized = health.width() > 0 && health.height() > 0
                && streams.setPicture(streamId, health.width(), health.height());
        preflightAll(streamId, sessionId, health.occurredAt());
        return resized;
    }

    /**
     * transcode-service relays a rendition of the stream's session ({@code rendition.ready}): pushes
     * to destinations that take fewer lines than the live picture can read it. Returns whether it is
     * new (what pushes read may change: {@link #replan}). A relay that is not an RTMP URL is refused
     * (the record goes to the dead-letter topic): ffmpeg would read whatever it names.
     */
    @Transactional
    public boolean renditionReady(RenditionReady e) {
        if (e.relayUrl() == null || !e.relayUrl().matches("(?i)rtmps?://[^\\s]+")) {
            throw new IllegalArgumentException("rendition.ready of stream " + e.streamId()
                    + ": relayUrl is not an rtmp:// or rtmps:// URL");
        }
        UUID streamId = UUID.fromString(e.streamId());
        UUID sessionId = UUID.fromString(e.sessionId());
        Rung rung = e.rung();
        Optional<StreamView> stream = streams.lockStream(streamId);
        if (stream.isEmpty() || !renditions.ready(streamId, sessionId,
                new Rendition(rung.name(), rung.width(), rung.height(), e.relayUrl()), e.occurredAt())) {
            return false;
        }
        streams.sourcesChanged(streamId);
        if (sessionId.equals(stream.get().sessionId()) && "LIVE".equals(stream.get().state())) {
            preflightAll(streamId, sessionId, e.occurredAt());
        }
        return true;
    }

    /**
     * The session's ladder stopped or broke ({@code ladder.stopped}, {@code ladder.failed}): its
     * relays are gone, and pushes reading them go back to the live picture. Returns whether there were any.
     */
    @Transactional
    public boolean renditionsGone(String stream, String session, Instant at) {
        UUID streamId = UUID.fromString(stream);
        UUID sessionId = UUID.fromString(session);
        Optional<StreamView> view = streams.lockStream(streamId);
        if (view.isEmpty() || !renditions.gone(streamId, sessionId)) {
            return false;
        }
        streams.sourcesChanged(streamId);
        if (sessionId.equals(view.get().sessionId()) && "LIVE".equals(view.get().state())) {
            preflightAll(streamId, sessionId, at);
        }
        return true;
    }

    /**
     * The plans of the stream's active pushes as they stand now (no change, no event): for running
     * pushes whose source (live picture, rendition, slate) may have changed.
     */
    @Transactional
    public List<PushPlan> replan(UUID streamId) {
        Optional<StreamView> stream = streams.lockStream(streamId).filter(s -> "LIVE".equals(s.state()));
        if (stream.isEmpty()) {
            return List.of();
        }
        return activePlans(streamId, stream.get().sessionId());
    }

    /** Preflight of every active push of the stream's live session. */
    private void preflightAll(UUID streamId, UUID sessionId, Instant at) {
        activePushes(streamId, sessionId).forEach(a -> preflight(a.target(), a.destination(), sessionId, at));
    }

    /** An active push of the session, with its target and destination. */
    private record Active(TargetRow target, DestinationRow destination, PushRecord push) {
    }

    /** The active pushes of the stream's enabled targets in the session. */
    private List<Active> activePushes(UUID streamId, UUID sessionId) {
        List<Active> active = new ArrayList<>();
        for (TargetRow target : streams.targets(streamId, true)) {
            streams.push(target.id(), sessionId).filter(p -> p.state().isActive()).ifPresent(push ->
                    destinations.find(target.partnerId(), target.destinationId())
                            .ifPresent(destination -> active.add(new Active(target, destination, push))));
        }
        return active;
    }

    /** The plans of the session's active pushes as they stand, each at its current attempt. */
    private List<PushPlan> activePlans(UUID streamId, UUID sessionId) {
        return activePushes(streamId, sessionId).stream()
                .map(a -> plan(a.target(), a.destination(), sessionId).withAttempt(a.push().attempt())).toList();
    }

    /** Checks the push against its network's limits; reports a change of its violations. */
    private void preflight(TargetRow target, DestinationRow destination, UUID sessionId, Instant at) {
        StreamTargetRepository.Measured measured = streams.measured(target.streamId());
        String ingestUrl = destination.ingestUrl() != null ? destination.ingestUrl()
                : broadcasts.find(target.id(), sessionId).map(NetworkBroadcastRepository.BroadcastRow::ingestUrl).orElse(null);
        Duration liveFor = measured.sessionStartedAt() == null ? null : Duration.between(measured.sessionStartedAt(), at);
        List<PreflightViolation> violations = new ArrayList<>(NetworkLimits.of(destination.network())
                .check(destination.network(), ingestUrl, measured.keyframeIntervalSeconds(), liveFor));
        PreflightViolation picture = source(target, destination, sessionId, () -> measured).violation();
        if (picture != null) {
            violations.add(picture);
        }
        String now = writeViolations(violations);
        if (!now.equals(streams.preflight(target.id(), sessionId))) {
            streams.setPreflight(target.id(), sessionId, now);
            outbox.append(new PushPreflight(target.id().toString(), target.streamId().toString(),
                    target.partnerId().toString(), sessionId.toString(), destination.id().toString(), destination.network(),
                    at, violations));
        }
    }

    /**
     * How a target's push in its stream's current session stands: its preflight violations, and what
     * it reads while it is active ({@code live}, {@code slate} or {@code rendition <rung>}; null when
     * it has no active push).
     */
    public record PushView(List<PreflightViolation> preflight, String reading) {
    }

    /** The push of each of the stream's targets in its current session, by target. */
    @Transactional
    public Map<UUID, PushView> pushViews(UUID streamId) {
        Map<UUID, PushView> byTarget = new HashMap<>();
        streams.lockStream(streamId).filter(s -> s.sessionId() != null).ifPresent(stream -> {
            UUID session = stream.sessionId();
            boolean live = "LIVE".equals(stream.state());
            boolean slate = streams.onSlate(streamId);
            StreamTargetRepository.Measured measured = streams.measured(streamId);
            for (TargetRow target : streams.targets(streamId, false)) {
                boolean active = live && target.enabled()
                        && streams.push(target.id(), session).filter(p -> p.state().isActive()).isPresent();
                String reading = !active ? null : slate ? "slate"
                        : destinations.find(stream.partnerId(), target.destinationId())
                                .map(destination -> source(target, destination, session, () -> measured))
                                .map(source -> source.isRendition() ? "rendition " + source.rendition().rung() : "live")
                                .orElse(null);
                byTarget.put(target.id(), new PushView(readViolations(streams.preflight(target.id(), session)), reading));
            }
        });
        return byTarget;
    }

    private static String writeViolations(List<PreflightViolation> violations) {
        try {
            return Json.mapper().writeValueAsString(violations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preflight violations", e);
        }
    }

    private static List<PreflightViolation> readViolations(String json) {
        try {
            return List.of(Json.mapper().readValue(json, PreflightViolation[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read preflight violations", e);
        }
    }

    /** Real progress reached the destination: the push is {@code broadcasting}. */
    @Transactional
    public void broadcasting(PushPlan plan) {
        Optional<PushRecord> push = streams.push(plan.targetId(), plan.sessionId());
        if (push.isEmpty() || !PushState.allows(push.get().state(), PushState.BROADCASTING)) {
            return;
        }
        Instant now = Instant.now();
        streams.savePush(new PushRecord(plan.targetId(), plan.sessionId(),
                PushState.move(push.get().state(), PushState.BROADCASTING), push.get().attempt()), now);
        streams.firstBroadcast(plan.targetId(), plan.sessionId(), now)
                .ifPresent(since -> metrics.goLive(plan.network(), Duration.between(since, now)));
        streams.target(plan.streamId(), plan.targetId()).ifPresent(target -> destinations
                .find(plan.partnerId(), plan.destinationId())
                .ifPresent(destination -> preflight(target, destination, plan.sessionId(), now)));
        outbox.append(new PushBroadcasting(plan.targetId().toString(), plan.streamId().toString(),
                plan.partnerId().toString(), plan.sessionId().toString(), plan.destinationId().toString(), plan.network(),
                now, push.get().attempt()));
    }

    /**
     * A target changed by its partner: the target as it is now, whether its running push must stop,
     * and the push to start, if any.
     */
    public record TargetChange(TargetRow target, boolean stopPush, Optional<PushPlan> start) {
    }

    /**
     * A target added while its stream is live gets its push for the live session at once
     * ({@code push.starting}); the stream's other pushes are not touched. Empty when the stream is not
     * live or the target already has an active push in this session.
     */
    @Transactional
    public Optional<PushPlan> startIfLive(UUID partnerId, UUID streamId, UUID targetId) {
        Optional<StreamView> stream = streams.lockStream(streamId)
                .filter(s -> s.partnerId().equals(partnerId) && "LIVE".equals(s.state()) && s.sessionId() != null);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        UUID sessionId = stream.get().sessionId();
        return streams.target(streamId, targetId).filter(TargetRow::enabled).flatMap(target -> {
            Optional<PushRecord> push = streams.push(targetId, sessionId);
            if (push.isPresent() && push.get().state().isActive()) {
                return Optional.empty();
            }
            int attempt = push.map(p -> p.attempt() + 1).orElse(1);
            return destinations.find(partnerId, target.destinationId()).map(destination -> {
                Instant now = Instant.now();
                streams.savePush(new PushRecord(targetId, sessionId,
                        PushState.move(push.map(PushRecord::state).orElse(null), PushState.STARTING), attempt), now);
                outbox.append(new PushStarting(targetId.toString(), streamId.toString(), partnerId.toString(),
                        sessionId.toString(), destination.id().toString(), destination.network(), now, attempt));
                return plan(target, destination, sessionId).withAttempt(attempt);
            });
        });
    }

    /**
     * Enables or disables a target, live or not. Disabling stops its active push
     * ({@code push.stopped}, {@code TARGET_DISABLED}); enabling during a live session starts one.
     * Empty when the target is not the partner's.
     */
    @Transactional
    public Optional<TargetChange> setEnabled(UUID partnerId, UUID streamId, UUID targetId, boolean enabled) {
        if (!streams.streamOwnedBy(streamId, partnerId)) {
            return Optional.empty();
        }
        return streams.target(streamId, targetId).map(target -> {
            streams.setTargetEnabled(targetId, enabled);
            TargetRow changed = target.withEnabled(enabled);
            if (enabled) {
                return new TargetChange(changed, false, startIfLive(partnerId, streamId, targetId));
            }
            return new TargetChange(changed, stopActivePush(target, StopReason.TARGET_DISABLED), Optional.empty());
        });
    }

    /** Removes a target, stopping its active push ({@code TARGET_REMOVED}). False when it is not the partner's. */
    @Transactional
    public Optional<Boolean> remove(UUID partnerId, UUID streamId, UUID targetId) {
        if (!streams.streamOwnedBy(streamId, partnerId)) {
            return Optional.empty();
        }
        return streams.target(streamId, targetId).map(target -> {
            boolean stop = stopActivePush(target, StopReason.TARGET_REMOVED);
            streams.deleteTarget(targetId);
            return stop;
        });
    }

    /** Stops the target's push in the live session, if one is active; returns whether there was one. */
    private boolean stopActivePush(TargetRow target, StopReason reason) {
        Optional<StreamView> stream = streams.lockStream(target.streamId()).filter(s -> s.sessionId() != null);
        if (stream.isEmpty()) {
            return false;
        }
        UUID sessionId = stream.get().sessionId();
        Optional<PushRecord> push = streams.push(target.id(), sessionId).filter(p -> p.state().isActive());
        if (push.isEmpty()) {
            return false;
        }
        Instant now = Instant.now();
        streams.savePush(new PushRecord(target.id(), sessionId, PushState.move(push.get().state(), PushState.STOPPED),
                push.get().attempt(), reason.name()), now);
        DestinationRow destination = destinations.find(target.partnerId(), target.destinationId()).orElseThrow();
        outbox.append(new PushStopped(target.id().toString(), target.streamId().toString(), target.partnerId().toString(),
                sessionId.toString(), destination.id().toString(), destination.network(), now, reason));
        return true;
    }

    /** The next attempt of a push and how long to wait before it. */
    public record Retry(PushPlan plan, Duration delay) {
    }

    /**
     * The push broke while it should be running: under the retry policy it is {@code retrying} (the
     * next attempt and its wait are returned) or, past the policy's attempts, {@code exhausted}.
     * Empty when the push was meanwhile stopped or is exhausted.
     */
    @Transactional
    public Optional<Retry> broke(PushPlan plan, String reason) {
        Optional<PushRecord> push = streams.push(plan.targetId(), plan.sessionId()).filter(p -> p.state().isActive());
        if (push.isEmpty()) {
            return Optional.empty();
        }
        int attempt = push.get().attempt();
        Instant now = Instant.now();
        Optional<Duration> delay = destinations.find(plan.partnerId(), plan.destinationId())
                .flatMap(destination -> retryPolicies.of(destination).delayBefore(attempt + 1, random::nextDouble));
        if (delay.isEmpty()) {
            streams.savePush(new PushRecord(plan.targetId(), plan.sessionId(),
                    PushState.move(push.get().state(), PushState.EXHAUSTED), attempt, reason), now);
            outbox.append(new PushExhausted(plan.targetId().toString(), plan.streamId().toString(),
                    plan.partnerId().toString(), plan.sessionId().toString(), plan.destinationId().toString(),
                    plan.network(), now, attempt, reason));
            metrics.exhausted(plan.network());
            return Optional.empty();
        }
        // Planned afresh: the next attempt reads what the push should read by then (a relay may be gone).
        PushPlan next = streams.target(plan.streamId(), plan.targetId())
                .flatMap(target -> destinations.find(plan.partnerId(), plan.destinationId())
                        .map(destination -> plan(target, destination, plan.sessionId())))
                .orElse(plan);
        return Optional.of(new Retry(retrying(next, push.get().state(), attempt + 1, now, delay.get(), reason),
                delay.get()));
    }

    /**
     * "Retry now" for the target's push in the stream's live session, if that push is retrying or
     * exhausted: one more attempt at once ({@code push.retrying} with the reason). Empty when the
     * target is not the partner's, or its push is not waiting for a retry.
     */
    @Transactional
    public Optional<PushPlan> retryNow(UUID partnerId, UUID streamId, UUID targetId) {
        Optional<StreamView> stream = streams.lockStream(streamId)
                .filter(s -> s.partnerId().equals(partnerId) && "LIVE".equals(s.state()) && s.sessionId() != null);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        UUID sessionId = stream.get().sessionId();
        return streams.targets(streamId, true).stream().filter(t -> t.id().equals(targetId)).findFirst()
                .flatMap(target -> streams.push(targetId, sessionId)
                        .filter(p -> p.state() == PushState.RETRYING || p.state() == PushState.EXHAUSTED)
                        .flatMap(push -> destinations.find(partnerId, target.destinationId())
                                .map(destination -> retrying(plan(target, destination, sessionId), push.state(),
                                        push.attempt() + 1, Instant.now(), Duration.ZERO, "retry requested"))));
    }

    private PushPlan retrying(PushPlan plan, PushState from, int attempt, Instant now, Duration delay, String reason) {
        streams.savePush(new PushRecord(plan.targetId(), plan.sessionId(), PushState.move(from, PushState.RETRYING), attempt,
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
        Optional<PushRecord> push = streams.push(plan.targetId(), plan.sessionId()).filter(p -> p.state().isActive());
        if (push.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        streams.savePush(new PushRecord(plan.targetId(), plan.sessionId(), PushState.move(push.get().state(), PushState.FAILED),
                push.get().attempt(), reason), now);
        outbox.append(new PushFailed(plan.targetId().toString(), plan.streamId().toString(), plan.partnerId().toString(),
                plan.sessionId().toString(), plan.destinationId().toString(), plan.network(), now, cause, reason));
    }

    /** Every push that should be running now (active, enabled target, live session). */
    @Transactional
    public List<ActivePush> activePushes() {
        return streams.activePushes();
    }

    /** The plan of an active push as it stands (no change, no event): for adopting a push that still runs. */
    @Transactional
    public Optional<PushPlan> planOf(ActivePush active) {
        return streams.lockStream(active.streamId()).flatMap(stream -> streams.target(active.streamId(), active.targetId())
                .flatMap(target -> streams.push(active.targetId(), active.sessionId()).filter(p -> p.state().isActive())
                        .flatMap(push -> destinations.find(stream.partnerId(), target.destinationId())
                                .map(destination -> plan(target, destination, active.sessionId()).withAttempt(push.attempt())))));
    }

    /**
     * A push that should be running but runs nowhere this instance knows of (the service restarted,
     * or the stream's partition moved here): one more attempt at once ({@code push.retrying} with
     * {@code reason}). Empty when the push is meanwhile no longer active in the live session.
     */
    @Transactional
    public Optional<PushPlan> resume(ActivePush active, String reason) {
        Optional<StreamView> stream = streams.lockStream(active.streamId())
                .filter(s -> "LIVE".equals(s.state()) && active.sessionId().equals(s.sessionId()));
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        UUID partnerId = stream.get().partnerId();
        return streams.target(active.streamId(), active.targetId()).filter(TargetRow::enabled)
                .flatMap(target -> streams.push(active.targetId(), active.sessionId())
                        .filter(p -> p.state().isActive())
                        .flatMap(push -> destinations.find(partnerId, target.destinationId())
                                .map(destination -> retrying(plan(target, destination, active.sessionId()),
                                        push.state(), push.attempt() + 1, Instant.now(), Duration.ZERO, reason))));
    }

    /** Whether a push planned for a retry should still run now. */
    @Transactional
    public boolean stillRetrying(PushPlan plan) {
        return streams.push(plan.targetId(), plan.sessionId()).filter(p -> p.state() == PushState.RETRYING).isPresent();
    }

    private boolean isNew(UUID streamId, long sequence) {
        return streams.lockStream(streamId).map(s -> sequence > s.lastSequence()).orElse(true);
    }

    private PushPlan plan(TargetRow target, DestinationRow destination, UUID sessionId) {
        return planner.plan(target, destination, sessionId);
    }

    private PushSource source(TargetRow target, DestinationRow destination, UUID sessionId,
            Supplier<StreamTargetRepository.Measured> measurements) {
        return planner.source(target, destination, sessionId, measurements);
    }
}
