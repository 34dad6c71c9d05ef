package io.fanout.catalog.service;

import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchChange;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchDetails;
import io.fanout.contracts.catalog.MatchEnded;
import io.fanout.contracts.catalog.MatchLate;
import io.fanout.contracts.catalog.MatchLive;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchStatus;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.catalog.PlannedDestination;
import java.time.Duration;
import java.util.Optional;

/** The {@code catalog-events} record of a match change: the match mapped field by field to the wire. */
final class MatchEvents {

    private MatchEvents() {
    }

    static FanoutEvent of(Match m, MatchChange change, Duration lateGrace) {
        String id = m.id().toString();
        String partner = m.partnerId().toString();
        return switch (change) {
            case SCHEDULED -> new MatchScheduled(id, partner, m.version(), m.updatedAt(), details(m));
            case UPDATED -> new MatchUpdated(id, partner, m.version(), m.updatedAt(), details(m));
            case LIVE -> new MatchLive(id, partner, m.version(), m.updatedAt(), String.valueOf(m.streamId()));
            case ENDED -> new MatchEnded(id, partner, m.version(), m.updatedAt());
            case CANCELLED -> new MatchCancelled(id, partner, m.version(), m.updatedAt(),
                    Optional.ofNullable(m.cancelReason()).orElse("cancelled"));
            case LATE -> new MatchLate(id, partner, m.version(), m.updatedAt(), m.fields().scheduledStart(),
                    lateGrace.toSeconds());
        };
    }

    static MatchDetails details(Match m) {
        MatchFields f = m.fields();
        return new MatchDetails(f.sport().code(), f.competition(), f.stage(), f.title(),
                f.competitors().stream().map(c -> new Participant(c.name(), c.role().code())).toList(), f.venue(),
                f.scheduledStart(), f.scheduledEnd(), MatchStatus.valueOf(m.status().name()),
                m.streamId() == null ? null : m.streamId().toString(),
                m.plan().stream().map(p -> new PlannedDestination(p.destinationId().toString(), p.titleTemplate().text(),
                        p.titleTemplate().render(f))).toList());
    }
}
