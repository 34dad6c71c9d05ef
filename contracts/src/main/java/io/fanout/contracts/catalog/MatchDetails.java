package io.fanout.contracts.catalog;

import io.fanout.contracts.MayBeNull;
import java.time.Instant;
import java.util.List;

/**
 * What the catalog knows of a match: what it is (sport, competition, stage, title, participants),
 * where and when, where it stands, the stream that carries it (null until one is bound) and its
 * destination plan (the partner's destinations it is simulcast to, each with its broadcast title).
 * {@code stage}, {@code venue} and {@code scheduledEnd} may be null.
 */
public record MatchDetails(
        String sport,
        String competition,
        @MayBeNull String stage,
        String title,
        List<Participant> participants,
        @MayBeNull String venue,
        Instant scheduledStart,
        @MayBeNull Instant scheduledEnd,
        MatchStatus status,
        @MayBeNull String streamId,
        List<PlannedDestination> plan) {
}
