package io.fanout.catalog.service;

import io.fanout.catalog.domain.FeedMerge;
import io.fanout.catalog.domain.Fixture;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.RefusedChange;
import io.fanout.catalog.persistence.FeedRepository;
import io.fanout.catalog.persistence.FixtureLinkRepository;
import io.fanout.catalog.persistence.FixtureLinkRepository.Key;
import io.fanout.catalog.persistence.FixtureLinkRepository.Link;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.catalog.service.CatalogMetrics.FixtureOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies upstream fixtures to partners' catalogs, a batch in one transaction. A fixture applies only
 * for a partner that authorised its provider; its version must be above the last one applied for
 * that fixture (a replay or a late, older version changes nothing, so versions never go backwards);
 * a new fixture makes a match, a newer version updates it through {@link FeedMerge} (the partner's
 * own edits of fields the new version leaves alone are kept), a cancellation cancels it unless it is
 * already live or over. The batch reads what it needs in three statements (authorisations, links,
 * matches, all locked in one order), decides in memory fixture by fixture in the order received (a
 * fixture seen twice in a batch meets its own first version), and writes with batched statements.
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

    /** What one batch knows and has decided so far. */
    private static final class Batch {
        final Map<Key, Link> links;
        final Map<UUID, Match> matches = new HashMap<>();
        final Map<Key, Link> changedLinks = new LinkedHashMap<>();
        final List<Match.Changed> changes = new ArrayList<>();

        Batch(Map<Key, Link> links) {
            this.links = links;
        }
    }

    /** Applies the fixtures in order; the results are in the same order. */
    @Transactional
    public List<Result> apply(List<Fixture> fixtures) {
        Set<String> authorised = feeds.authorisedAmong(fixtures.stream().map(Fixture::partnerId).distinct().toList(),
                fixtures.stream().map(Fixture::provider).distinct().toList());
        Batch batch = new Batch(links.lockAll(fixtures.stream().map(FixtureService::key).distinct().toList()));
        matches.lockAll(batch.links.values().stream().map(Link::matchId).filter(Objects::nonNull).distinct().toList())
                .forEach(match -> batch.matches.put(match.id(), match));
        Instant now = Instant.now();
        List<Result> results = new ArrayList<>(fixtures.size());
        for (Fixture fixture : fixtures) {
            results.add(authorised.contains(fixture.partnerId() + " " + fixture.provider()) ? applyOne(batch, fixture, now)
                    : new Result(FixtureOutcome.DEAD_LETTERED, "provider " + fixture.provider()
                            + " is not authorised by partner " + fixture.partnerId()));
        }
        journal.recordAll(batch.changes);
        links.saveAll(batch.changedLinks.values());
        return results;
    }

    private Result applyOne(Batch batch, Fixture fixture, Instant now) {
        Key key = key(fixture);
        Optional<Link> link = Optional.ofNullable(batch.links.get(key));
        if (link.isPresent() && fixture.version() <= link.get().version()) {
            return Result.of(FixtureOutcome.STALE);
        }
        UUID matchId = link.map(Link::matchId).orElse(null);
        Optional<Match> match = Optional.ofNullable(matchId).map(batch.matches::get);
        Optional<Match.Changed> changed;
        MatchFields lastFeed;
        if (fixture.cancelled()) {
            changed = match.flatMap(m -> cancel(m, fixture, now));
            lastFeed = link.map(Link::lastFeed).orElse(null);
        } else {
            changed = match.isEmpty()
                    ? Optional.of(Match.schedule(UUID.randomUUID(), fixture.partnerId(), fixture.fields(), null, List.of(),
                            new Match.FeedSource(fixture.provider(), fixture.fixtureId()), now))
                    : match.get().withFields(FeedMerge.merge(match.get().fields(), link.map(Link::lastFeed).orElse(null),
                            fixture.fields()), now);
            lastFeed = fixture.fields();
        }
        changed.ifPresent(c -> {
            batch.changes.add(c);
            batch.matches.put(c.match().id(), c.match());
        });
        Link next = new Link(fixture.partnerId(), fixture.provider(), fixture.fixtureId(),
                changed.map(c -> c.match().id()).orElse(matchId), fixture.version(), lastFeed);
        batch.links.put(key, next);
        batch.changedLinks.put(key, next);
        return Result.of(changed.isPresent() ? FixtureOutcome.APPLIED : FixtureOutcome.UNCHANGED);
    }

    private Optional<Match.Changed> cancel(Match match, Fixture fixture, Instant now) {
        try {
            return match.cancel(fixture.cancelReason(), now);
        } catch (RefusedChange refused) {
            LOG.infof("match %s: %s:%s cancelled upstream, but the match is %s: kept", match.id(), fixture.provider(),
                    fixture.fixtureId(), match.status().code());
            return Optional.empty();
        }
    }

    private static Key key(Fixture fixture) {
        return new Key(fixture.partnerId(), fixture.provider(), fixture.fixtureId());
    }
}
