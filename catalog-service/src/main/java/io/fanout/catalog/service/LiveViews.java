package io.fanout.catalog.service;

import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.PlanEntry;
import io.fanout.catalog.persistence.DestinationRepository;
import io.fanout.catalog.persistence.DestinationRepository.Destination;
import io.fanout.catalog.persistence.LadderRepository;
import io.fanout.catalog.persistence.LadderRepository.Ladder;
import io.fanout.catalog.persistence.MatchRepository;
import io.fanout.catalog.persistence.PushStatusRepository;
import io.fanout.catalog.persistence.PushStatusRepository.Push;
import io.fanout.catalog.persistence.StreamStatusRepository;
import io.fanout.catalog.persistence.StreamStatusRepository.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The partner's live view: a stream's status and health, its player, and every destination with the
 * push of the stream's current session (for a match: the destinations of its plan first, then any
 * other the stream is pushed to). Everything is scoped to the partner. The reads run outside a
 * transaction (a view a moment old is a fine view, and it takes no locks).
 */
@ApplicationScoped
public class LiveViews {

    /** One destination and its push in the current session (null: none yet). */
    public record DestinationState(UUID destinationId, String name, String network, boolean planned, Push push) {
    }

    /** What is live where, for one stream (null: the match has none) and, optionally, one match. */
    public record Live(Match match, Stored stream, Ladder player, List<DestinationState> destinations,
            List<Match> matches) {
    }

    private final MatchRepository matches;
    private final StreamStatusRepository streams;
    private final PushStatusRepository pushes;
    private final LadderRepository ladders;
    private final DestinationRepository destinations;

    public LiveViews(MatchRepository matches, StreamStatusRepository streams, PushStatusRepository pushes,
            LadderRepository ladders, DestinationRepository destinations) {
        this.matches = matches;
        this.streams = streams;
        this.pushes = pushes;
        this.ladders = ladders;
        this.destinations = destinations;
    }

    public Optional<Live> ofMatch(UUID partnerId, UUID matchId) {
        return matches.find(partnerId, matchId).map(match -> of(partnerId, match));
    }

    /** The live view of a match already read (a page of them, say). */
    public Live of(UUID partnerId, Match match) {
        return live(partnerId, match, match.streamId() == null ? null
                : streams.find(partnerId, match.streamId()).orElse(null));
    }

    public Optional<Live> ofStream(UUID partnerId, UUID streamId) {
        return streams.find(partnerId, streamId).map(stream -> live(partnerId, null, stream));
    }

    private Live live(UUID partnerId, Match match, Stored stream) {
        UUID streamId = stream == null ? null : stream.streamId();
        List<Push> current = stream == null || stream.sessionId() == null ? List.of()
                : pushes.ofStream(partnerId, streamId).stream()
                        .filter(p -> Objects.equals(p.sessionId(), stream.sessionId())).toList();
        Set<UUID> planned = match == null ? Set.of() : match.plan().stream().map(PlanEntry::destinationId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> ids = new LinkedHashSet<>(planned);
        current.forEach(p -> ids.add(p.destinationId()));
        Map<UUID, Destination> known = destinations.ofPartner(partnerId, ids).stream()
                .collect(Collectors.toMap(Destination::id, Function.identity()));
        Map<UUID, Push> byDestination = current.stream().collect(Collectors.toMap(Push::destinationId,
                Function.identity(), (a, b) -> a.since() != null && b.since() != null && a.since().isAfter(b.since()) ? a : b));
        List<DestinationState> states = new ArrayList<>();
        for (UUID id : ids) {
            Destination d = known.get(id);
            Push push = byDestination.get(id);
            states.add(new DestinationState(id, d == null ? null : d.name(),
                    d != null ? d.network() : push != null ? push.network() : null, planned.contains(id), push));
        }
        Ladder player = stream == null ? null : ladders.find(partnerId, streamId)
                .filter(l -> l.sessionId().equals(stream.sessionId())).orElse(null);
        List<Match> carried = streamId == null ? List.of() : matches.boundTo(partnerId, streamId);
        return new Live(match, stream, player, states, carried);
    }
}
