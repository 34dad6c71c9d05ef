package io.fanout.catalog.service;

import io.fanout.catalog.domain.BoundMatches;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.StreamState;
import io.fanout.catalog.domain.StreamStatus;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.catalog.persistence.StreamStatusRepository;
import io.fanout.catalog.persistence.StreamStatusRepository.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps each stream's status from {@code stream-lifecycle} and makes the matches bound to it follow:
 * a new session takes the stream's first scheduled match live ({@link BoundMatches}), an interruption
 * and a resumption change nothing, the end of the session ends the live match. An event older than
 * the stored status (by sequence) changes nothing, so replays and late copies are harmless.
 */
@ApplicationScoped
public class StreamFollower {

    private final StreamStatusRepository streams;
    private final MatchRepository matches;
    private final MatchJournal journal;

    public StreamFollower(StreamStatusRepository streams, MatchRepository matches, MatchJournal journal) {
        this.streams = streams;
        this.matches = matches;
        this.journal = journal;
    }

    @Transactional
    public void apply(StreamStatus status, Instant at) {
        UUID streamId = UUID.fromString(status.streamId());
        Stored before = streams.lock(streamId).orElse(null);
        if (!streams.apply(status, at)) {
            return;
        }
        boolean newSession = status.state() == StreamState.LIVE && (before == null
                || before.sessionId() == null || !before.sessionId().toString().equals(status.sessionId())
                || before.state() != StreamState.LIVE && before.state() != StreamState.INTERRUPTED);
        if (!newSession && status.state() != StreamState.ENDED) {
            return;
        }
        List<Match> bound = matches.lockBoundTo(streamId);
        if (newSession) {
            BoundMatches.toGoLive(bound).ifPresent(match -> journal.record(match, match.goLive(at)));
        } else {
            bound.forEach(match -> journal.record(match, match.end(at)));
        }
    }
}
