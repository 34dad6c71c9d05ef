package io.fanout.catalog.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of the matches bound to one stream its new session carries. A stream often carries several
 * matches in a day (a tennis court, an esports stage): each session carries one, the scheduled match
 * that starts first, unless one of them is live already. So a partner runs one session per match (the
 * encoder reconnects, or the stream is completed between matches) and the catalog follows.
 */
public final class BoundMatches {

    private BoundMatches() {
    }

    /** The match that goes live when a session of their stream begins, if any. */
    public static Optional<Match> toGoLive(List<Match> bound) {
        if (bound.stream().anyMatch(m -> m.status() == MatchState.LIVE)) {
            return Optional.empty();
        }
        return bound.stream().filter(m -> m.status() == MatchState.SCHEDULED)
                .min(Comparator.comparing((Match m) -> m.fields().scheduledStart()).thenComparing(Match::id));
    }
}
