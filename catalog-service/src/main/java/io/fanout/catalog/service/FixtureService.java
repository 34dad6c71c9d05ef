package io.fanout.catalog.service;

import io.fanout.catalog.domain.FeedMerge;
import io.fanout.catalog.domain.Fixture;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.RefusedChange;
import io.fanout.catalog.persistence.FeedRepository;
import io.fanout.catalog.persistence.FixtureLinkRepository;
import io.fanout.catalog.persistence.FixtureLinkRepository.Link;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.catalog.service.CatalogMetrics.FixtureOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies upstream fixtures to partners' catalogs, a batch in one transaction. A fixture applies only
 * for a partner that authorised its provider; its version must be above the last one applied for
 * that fixture (a replay or a late, older version changes nothing, so versions never go backwards);
 * a new fixture makes a match, a newer version updates it through {@link FeedMerge} (the partner's
 * own edits of fields the new version leaves alone are kept), a cancellation cancels it unless it is
 * already live or over.
 */
@ApplicationScoped
public class FixtureService {

    /** What became of one fixture: an outcome, or the reason it must be parked. */
    public record Result(FixtureOutcome outcome, String refusal) {

        static Result of(FixtureOutcome outcome) {
            return new Result(outcome, null);
        }
    }

    private static final Logger LOG = Logger.getLogger(FixtureService.class);

    private final FeedRepository feeds;
    private final FixtureLinkRepository links;
    private final MatchRepository matches;
    private final MatchJournal journal;

    public FixtureService(FeedRepository feeds, FixtureLinkRepository links, MatchRepository matches,
            MatchJournal journal) {
        this.feeds = feeds;
        this.links = links;
        this.matches = matches;
        this.journal = journal;
    }

    /** Applies the fixtures in order; the results are in the same order. */
    @Transactional
    public List<Result> apply(List<Fixture> fixtures) {
        Map<String, Boolean> authorised = new HashMap<>();
        List<Result> results = new ArrayList<>(fixtures.size());
        Instant now = Instant.now();
        for (Fixture fixture : fixtures) {
            boolean allowed = authorised.computeIfAbsent(fixture.partnerId() + " " + fixture.provider(),
                    k -> feeds.authorised(fixture.partnerId(), fixture.provider()));
            results.add(allowed ? applyOne(fixture, now) : new Result(FixtureOutcome.DEAD_LETTERED, "provider "
                    + fixture.provider() + " is not authorised by partner " + fixture.partnerId()));
        }
        return results;
    }

    private Result applyOne(Fixture fixture, Instant now) {
        Optional<Link> link = links.lock(fixture.partnerId(), fixture.provider(), fixture.fixtureId());
        if (link.isPresent() && fixture.version() <= link.get().version()) {
            return Result.of(FixtureOutcome.STALE);
        }
        UUID matchId = link.map(Link::matchId).orElse(null);
        Optional<Match> match = Optional.ofNullable(matchId).flatMap(matches::lock);
        if (fixture.cancelled()) {
            links.save(new Link(fixture.partnerId(), fixture.provider(), fixture.fixtureId(), matchId, fixture.version(),
                    null));
            return match.map(m -> cancel(m, fixture, now)).orElse(Result.of(FixtureOutcome.UNCHANGED));
        }
        Optional<Match.Changed> changed = match.isEmpty()
                ? Optional.of(Match.schedule(UUID.randomUUID(), fixture.partnerId(), fixture.fields(), null, List.of(),
                        new Match.FeedSource(fixture.provider(), fixture.fixtureId()), now))
                : match.get().withFields(FeedMerge.merge(match.get().fields(),
                        link.map(Link::lastFeed).orElse(null), fixture.fields()), now);
        changed.ifPresent(journal::record);
        UUID linked = changed.map(c -> c.match().id()).orElse(matchId);
        links.save(new Link(fixture.partnerId(), fixture.provider(), fixture.fixtureId(), linked, fixture.version(),
                fixture.fields()));
        return Result.of(changed.isPresent() ? FixtureOutcome.APPLIED : FixtureOutcome.UNCHANGED);
    }

    private Result cancel(Match match, Fixture fixture, Instant now) {
        try {
            Optional<Match.Changed> cancelled = match.cancel(fixture.cancelReason(), now);
            cancelled.ifPresent(journal::record);
            return Result.of(cancelled.isPresent() ? FixtureOutcome.APPLIED : FixtureOutcome.UNCHANGED);
        } catch (RefusedChange refused) {
            LOG.infof("match %s: %s:%s cancelled upstream, but the match is %s: kept", match.id(), fixture.provider(),
                    fixture.fixtureId(), match.status().code());
            return Result.of(FixtureOutcome.UNCHANGED);
        }
    }
}
