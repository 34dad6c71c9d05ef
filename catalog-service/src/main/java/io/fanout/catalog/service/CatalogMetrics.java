package io.fanout.catalog.service;

import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.persistence.MatchRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What operators watch of the catalog: matches by status and the late ones (counted from the
 * database every {@code fanout.catalog.metrics-interval}, so every instance reports the same truth),
 * late flags raised, and fixtures by outcome (applied, unchanged, stale, dead-lettered). Every series
 * exists from the start, at zero.
 */
@ApplicationScoped
public class CatalogMetrics {

    /** What became of one upstream fixture record. */
    public enum FixtureOutcome {
        /** It changed (or created) a match. */
        APPLIED,
        /** Newer than the last version, but it changed nothing. */
        UNCHANGED,
        /** Its version was not above the last one applied: a replay or a late copy. */
        STALE,
        /** Parked on the dead-letter topic. */
        DEAD_LETTERED
    }

    private static final Logger LOG = Logger.getLogger(CatalogMetrics.class);

    private final MatchRepository matches;
    private final Map<MatchState, AtomicLong> byStatus = new EnumMap<>(MatchState.class);
    private final AtomicLong late = new AtomicLong();
    private final Map<FixtureOutcome, Counter> fixtures = new EnumMap<>(FixtureOutcome.class);
    private final Counter lateFlagged;

    public CatalogMetrics(MeterRegistry registry, MatchRepository matches) {
        this.matches = matches;
        for (MatchState state : MatchState.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(state, count);
            Gauge.builder("fanout_catalog_matches", count, AtomicLong::get).tag("status", state.code())
                    .description("Matches in each status").register(registry);
        }
        Gauge.builder("fanout_catalog_matches_late", late, AtomicLong::get)
                .description("Scheduled matches not live a grace period after their start").register(registry);
        for (FixtureOutcome outcome : FixtureOutcome.values()) {
            fixtures.put(outcome, Counter.builder("fanout_catalog_fixtures").tag("outcome",
                    outcome.name().toLowerCase(Locale.ROOT)).description("Upstream fixture records by outcome")
                    .register(registry));
        }
        lateFlagged = Counter.builder("fanout_catalog_late_flags").description("Matches flagged late")
                .register(registry);
    }

    public void fixture(FixtureOutcome outcome) {
        fixtures.get(outcome).increment();
    }

    void lateFlagged() {
        lateFlagged.increment();
    }

    @Scheduled(every = "${fanout.catalog.metrics-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        try {
            Map<MatchState, Long> counts = matches.countByStatus();
            byStatus.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0L)));
            late.set(matches.countLate());
        } catch (RuntimeException e) {
            LOG.warnf("cannot count matches: %s", e.getMessage());
        }
    }
}
