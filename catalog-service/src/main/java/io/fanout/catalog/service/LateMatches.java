package io.fanout.catalog.service;

import io.fanout.catalog.config.CatalogConfig;
import io.fanout.catalog.domain.Match;
import io.quarkus.scheduler.Scheduled;
import io.fanout.catalog.persistence.MatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Flags the scheduled matches that are still not live {@code late-grace} after their start, once
 * each ({@code match.late}), every {@code late-sweep-interval}. Instances share the sweep: the rows
 * are taken with {@code SKIP LOCKED}.
 */
@ApplicationScoped
public class LateMatches {

    private static final Logger LOG = Logger.getLogger(LateMatches.class);
    private static final int BATCH = 200;

    private final MatchRepository matches;
    private final MatchJournal journal;
    private final CatalogConfig config;

    public LateMatches(MatchRepository matches, MatchJournal journal, CatalogConfig config) {
        this.matches = matches;
        this.journal = journal;
        this.config = config;
    }

    @Scheduled(every = "${fanout.catalog.late-sweep-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            while (flagDue() == BATCH) {
                LOG.debug("more late matches to flag");
            }
        } catch (RuntimeException e) {
            LOG.warnf("late sweep failed, next one retries: %s", e.getMessage());
        }
    }

    /** Flags one batch of due matches; returns how many it looked at. */
    @Transactional
    int flagDue() {
        Instant now = Instant.now();
        var due = matches.lockLateDue(now.minus(config.lateGrace()), BATCH);
        for (Match match : due) {
            journal.record(match, match.flagLateIfDue(config.lateGrace(), now));
        }
        return due.size();
    }
}
