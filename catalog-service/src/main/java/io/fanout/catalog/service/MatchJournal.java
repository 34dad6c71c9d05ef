package io.fanout.catalog.service;

import io.fanout.catalog.config.CatalogConfig;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchChange;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.servicekit.outbox.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one place a match change is kept: the match row written and its {@code catalog-events} record
 * appended to the outbox in the caller's transaction, so a change and its event commit together or
 * not at all. Whoever decides a change (the API, a feed, a stream, the late sweep) records it here.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MatchJournal {

    private static final Logger LOG = Logger.getLogger(MatchJournal.class);

    private final MatchRepository matches;
    private final OutboxRepository outbox;
    private final CatalogMetrics metrics;
    private final CatalogConfig config;

    public MatchJournal(MatchRepository matches, OutboxRepository outbox, CatalogMetrics metrics, CatalogConfig config) {
        this.matches = matches;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
    }

    /** Keeps a change (a new match or a change of a stored one); returns the match as it is now. */
    public Match record(Match.Changed changed) {
        Match match = changed.match();
        if (changed.change() == MatchChange.SCHEDULED) {
            matches.insert(match);
        } else {
            matches.update(match);
        }
        outbox.append(MatchEvents.of(match, changed.change(), config.lateGrace()));
        if (changed.change() == MatchChange.LATE) {
            metrics.lateFlagged();
        }
        LOG.infof("match %s: %s (version %d, %s)", match.id(), changed.change().name().toLowerCase(),
                match.version(), match.status().code());
        return match;
    }

    /**
     * Keeps many changes at once, in order, with batched statements (a poll of fixtures): new matches
     * first, then the changes of stored ones in the order they were decided, and their events in
     * that order.
     */
    public void recordAll(List<Match.Changed> changes) {
        matches.insertAll(changes.stream().filter(c -> c.change() == MatchChange.SCHEDULED).map(Match.Changed::match)
                .toList());
        matches.updateAll(changes.stream().filter(c -> c.change() != MatchChange.SCHEDULED).map(Match.Changed::match)
                .toList());
        outbox.appendAll(changes.stream().map(c -> MatchEvents.of(c.match(), c.change(), config.lateGrace())).toList());
        changes.stream().filter(c -> c.change() == MatchChange.LATE).forEach(c -> metrics.lateFlagged());
        LOG.debugf("%d match changes kept", changes.size());
    }

    /** Keeps the change if there is one; returns the match as it is now. */
    public Match record(Match before, Optional<Match.Changed> changed) {
        return changed.map(this::record).orElse(before);
    }
}
