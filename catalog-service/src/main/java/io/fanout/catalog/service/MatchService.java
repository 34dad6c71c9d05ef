package io.fanout.catalog.service;

import io.fanout.catalog.domain.BoundMatches;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.PlanEntry;
import io.fanout.catalog.domain.StreamState;
import io.fanout.catalog.persistence.DestinationRepository;
import io.fanout.catalog.persistence.MatchFilter;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.catalog.persistence.StreamStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A partner's matches through the API. Every call is scoped to the calling partner and runs in one
 * transaction: the match is locked, the change decided by {@link Match}, checked against what the
 * partner owns (a stream or destination of another partner is refused like an unknown one), then kept
 * with its event by the {@link MatchJournal}. A match bound to a stream that is live goes live at once.
 */
@ApplicationScoped
public class MatchService {

    private static final String UNKNOWN_SOON = " (one created a moment ago can take a second to be known here)";

    private final MatchRepository matches;
    private final StreamStatusRepository streams;
    private final DestinationRepository destinations;
    private final MatchJournal journal;

    public MatchService(MatchRepository matches, StreamStatusRepository streams, DestinationRepository destinations,
            MatchJournal journal) {
        this.matches = matches;
        this.streams = streams;
        this.destinations = destinations;
        this.journal = journal;
    }

    @Transactional
    public Match create(UUID partnerId, MatchFields fields, UUID streamId, List<PlanEntry> plan) {
        requireStream(partnerId, streamId);
        requireDestinations(partnerId, plan);
        Instant now = Instant.now();
        Match match = journal.record(Match.schedule(UUID.randomUUID(), partnerId, fields, streamId, plan, null, now));
        return followLiveStream(match, now);
    }

    /** Reads run outside a transaction: one statement, no locks, nothing to commit. */
    public Optional<Match> find(UUID partnerId, UUID id) {
        return matches.find(partnerId, id);
    }

    public List<Match> page(UUID partnerId, MatchFilter filter, int limit) {
        return matches.page(partnerId, filter, limit);
    }

    /** New fields and, if given, a new status (postponed or scheduled again). */
    @Transactional
    public Optional<Match> edit(UUID partnerId, UUID id, Function<MatchFields, MatchFields> edit, MatchState status) {
        return change(partnerId, id, (match, now) -> {
            Match edited = journal.record(match, match.withFields(edit.apply(match.fields()), now));
            return status == null ? edited : journal.record(edited, edited.withStatus(status, now));
        });
    }

    @Transactional
    public Optional<Match> cancel(UUID partnerId, UUID id, String reason) {
        return change(partnerId, id, (match, now) -> journal.record(match, match.cancel(reason, now)));
    }

    /** Binds the match to the partner's stream, or unbinds it ({@code streamId} null). */
    @Transactional
    public Optional<Match> bind(UUID partnerId, UUID id, UUID streamId) {
        if (streamId != null) {
            requireStream(partnerId, streamId);
        }
        return change(partnerId, id, (match, now) -> followLiveStream(journal.record(match, match.bind(streamId, now)), now));
    }

    @Transactional
    public Optional<Match> plan(UUID partnerId, UUID id, List<PlanEntry> plan) {
        requireDestinations(partnerId, plan);
        return change(partnerId, id, (match, now) -> journal.record(match, match.withPlan(plan, now)));
    }

    private interface Change {
        Match apply(Match match, Instant now);
    }

    private Optional<Match> change(UUID partnerId, UUID id, Change change) {
        return matches.lock(partnerId, id).map(match -> change.apply(match, Instant.now()));
    }

    /**
     * A scheduled match bound to a live stream goes live now, unless another match of the stream is.
     * Only this match (locked by the caller) is locked: the stream's consumer locks the stream, then
     * its matches, and a session that starts meanwhile finds this match bound once this commits.
     */
    private Match followLiveStream(Match match, Instant now) {
        if (match.streamId() == null || match.status() != MatchState.SCHEDULED) {
            return match;
        }
        boolean live = streams.find(match.partnerId(), match.streamId()).filter(s -> s.state() == StreamState.LIVE
                || s.state() == StreamState.INTERRUPTED).isPresent();
        if (!live) {
            return match;
        }
        List<Match> bound = matches.boundTo(match.partnerId(), match.streamId()).stream()
                .map(m -> m.id().equals(match.id()) ? match : m).toList();
        return BoundMatches.toGoLive(bound).filter(m -> m.id().equals(match.id()))
                .map(m -> journal.record(m, m.goLive(now))).orElse(match);
    }

    private void requireStream(UUID partnerId, UUID streamId) {
        if (streamId != null && streams.find(partnerId, streamId).isEmpty()) {
            throw new InvalidReference("streamId", "no stream of yours has this id" + UNKNOWN_SOON);
        }
    }

    private void requireDestinations(UUID partnerId, List<PlanEntry> plan) {
        Set<UUID> known = new HashSet<>();
        destinations.ofPartner(partnerId, plan.stream().map(PlanEntry::destinationId).toList())
                .forEach(d -> known.add(d.id()));
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            UUID destination = plan.get(i).destinationId();
            if (!known.contains(destination)) {
                throw new InvalidReference("plan[" + i + "].destinationId", "no destination of yours has this id"
                        + UNKNOWN_SOON);
            }
            if (!seen.add(destination)) {
                throw new InvalidReference("plan[" + i + "].destinationId", "is in the plan twice");
            }
        }
    }
}
