package io.fanout.catalog.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A partner's match and the rules of its life. Every method decides one change and returns the
 * match after it, one version higher, with what happened ({@link Changed}); an empty answer means
 * nothing changed (a replay, an edit that repeats what is there). A change the rules refuse throws
 * {@link RefusedChange}. Nothing here reads or writes anything: callers lock, decide, then store.
 */
public record Match(UUID id, UUID partnerId, MatchFields fields, MatchState status, boolean late, UUID streamId,
        List<PlanEntry> plan, long version, FeedSource source, Instant liveAt, Instant endedAt, String cancelReason,
        Instant createdAt, Instant updatedAt) {

    /** The upstream fixture a match was made from. */
    public record FeedSource(String provider, String fixtureId) {
    }

    /** A match after one change, and what the change was. */
    public record Changed(Match match, MatchChange change) {
    }

    public Match {
        plan = List.copyOf(plan);
    }

    /** A new match, version 1. */
    public static Changed schedule(UUID id, UUID partnerId, MatchFields fields, UUID streamId, List<PlanEntry> plan,
            FeedSource source, Instant now) {
        return new Changed(new Match(id, partnerId, fields, MatchState.SCHEDULED, false, streamId, plan, 1, source, null,
                null, null, now, now), MatchChange.SCHEDULED);
    }

    /** New fields (an edit or a feed's version); a moved start clears the late flag. */
    public Optional<Changed> withFields(MatchFields next, Instant now) {
        if (next.equals(fields)) {
            return Optional.empty();
        }
        boolean stillLate = late && next.scheduledStart().equals(fields.scheduledStart());
        return changed(new Match(id, partnerId, next, status, stillLate, streamId, plan, version, source, liveAt, endedAt,
                cancelReason, createdAt, now), MatchChange.UPDATED);
    }

    /** The partner postpones the match or schedules a postponed one again. */
    public Optional<Changed> withStatus(MatchState next, Instant now) {
        if (next == status) {
            return Optional.empty();
        }
        if (next != MatchState.POSTPONED && next != MatchState.SCHEDULED) {
            throw new RefusedChange("a match becomes " + next.code() + " on its own (live and ended follow its stream; "
                    + "cancel it with /cancel)");
        }
        requireCanBecome(next);
        return changed(with(next, now), MatchChange.UPDATED);
    }

    public Optional<Changed> cancel(String reason, Instant now) {
        if (status == MatchState.CANCELLED) {
            return Optional.empty();
        }
        requireCanBecome(MatchState.CANCELLED);
        return changed(new Match(id, partnerId, fields, MatchState.CANCELLED, late, streamId, plan, version, source,
                liveAt, endedAt, reason, createdAt, now), MatchChange.CANCELLED);
    }

    /** Binds the match to a stream (null: unbinds it). A live match keeps its stream until it ends. */
    public Optional<Changed> bind(UUID stream, Instant now) {
        if (Objects.equals(stream, streamId)) {
            return Optional.empty();
        }
        if (status == MatchState.LIVE) {
            throw new RefusedChange("a live match keeps its stream until the stream ends");
        }
        return changed(new Match(id, partnerId, fields, status, late, stream, plan, version, source, liveAt, endedAt,
                cancelReason, createdAt, now), MatchChange.UPDATED);
    }

    /** A new destination plan; a match that is over keeps the plan it had. */
    public Optional<Changed> withPlan(List<PlanEntry> next, Instant now) {
        if (next.equals(plan)) {
            return Optional.empty();
        }
        if (status.isFinal()) {
            throw new RefusedChange("the match is " + status.code() + "; its plan no longer changes");
        }
        return changed(new Match(id, partnerId, fields, status, late, streamId, next, version, source, liveAt, endedAt,
                cancelReason, createdAt, now), MatchChange.UPDATED);
    }

    /** Its stream went live. Only a scheduled match goes live; anything else is left as it is. */
    public Optional<Changed> goLive(Instant at) {
        if (status != MatchState.SCHEDULED) {
            return Optional.empty();
        }
        return changed(new Match(id, partnerId, fields, MatchState.LIVE, late, streamId, plan, version, source, at, null,
                cancelReason, createdAt, at), MatchChange.LIVE);
    }

    /** Its stream ended. Only a live match ends. */
    public Optional<Changed> end(Instant at) {
        if (status != MatchState.LIVE) {
            return Optional.empty();
        }
        return changed(new Match(id, partnerId, fields, MatchState.ENDED, late, streamId, plan, version, source, liveAt, at,
                cancelReason, createdAt, at), MatchChange.ENDED);
    }

    /** Flags a scheduled match that is not live {@code grace} after its start, once. */
    public Optional<Changed> flagLateIfDue(Duration grace, Instant now) {
        if (late || status != MatchState.SCHEDULED || now.isBefore(fields.scheduledStart().plus(grace))) {
            return Optional.empty();
        }
        return changed(new Match(id, partnerId, fields, status, true, streamId, plan, version, source, liveAt, endedAt,
                cancelReason, createdAt, now), MatchChange.LATE);
    }

    private Match with(MatchState next, Instant now) {
        return new Match(id, partnerId, fields, next, late, streamId, plan, version, source, liveAt, endedAt, cancelReason,
                createdAt, now);
    }

    private void requireCanBecome(MatchState next) {
        if (!status.canBecome(next)) {
            throw new RefusedChange("a " + status.code() + " match cannot become " + next.code());
        }
    }

    private static Optional<Changed> changed(Match next, MatchChange change) {
        return Optional.of(new Changed(new Match(next.id, next.partnerId, next.fields, next.status, next.late,
                next.streamId, next.plan, next.version + 1, next.source, next.liveAt, next.endedAt, next.cancelReason,
                next.createdAt, next.updatedAt), change));
    }
}
