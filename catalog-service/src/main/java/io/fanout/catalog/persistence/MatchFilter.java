package io.fanout.catalog.persistence;

import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.Sport;
import java.time.Instant;
import java.util.UUID;

/**
 * Which of a partner's matches a list shows (every field optional): sport, status, a start time
 * window {@code [from, to)}, a competition (any case) and a text found in title, competition, stage,
 * venue or participants; and where the page starts (after {@code afterStart}/{@code afterId}).
 */
public record MatchFilter(Sport sport, MatchState status, Instant from, Instant to, String competition, String text,
        Instant afterStart, UUID afterId) {
}
