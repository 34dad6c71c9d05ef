package io.fanout.catalog.persistence;

import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.domain.Sport;
import java.time.Instant;
import java.util.UUID;

/**
 * Which of a partner's matches a list shows (every field optional): sport, status, a start time
 * window {@code [from, to)}, a competition (any case) and the words of a text search (title,
 * competition, stage, venue and participants; see {@link SearchWords}); and where the page starts
 * (after {@code afterStart}/{@code afterId}).
 */
public record MatchFilter(Sport sport, MatchState status, Instant from, Instant to, String competition, SearchWords text,
        Instant afterStart, UUID afterId) {
}
