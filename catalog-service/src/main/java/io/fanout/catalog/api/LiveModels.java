package io.fanout.catalog.api;

import io.fanout.catalog.api.MatchModels.MatchView;
import io.fanout.catalog.persistence.PushStatusRepository.Push;
import io.fanout.catalog.persistence.StreamStatusRepository.Health;
import io.fanout.catalog.persistence.StreamStatusRepository.Stored;
import io.fanout.catalog.service.LiveViews.DestinationState;
import io.fanout.catalog.service.LiveViews.Live;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The live view's bodies: what is live where, for a match or a stream, and the mapping to them. */
public final class LiveModels {

    private LiveModels() {
    }

    public record StreamView(UUID id, String state, UUID sessionId, Instant since, Health health) {
    }

    public record PushView(UUID targetId, String state, Integer attempt, String reason, Instant nextTryAt,
            List<String> preflight, Instant since) {
    }

    public record DestinationView(UUID destinationId, String name, String network, boolean planned, PushView push) {
    }

    public record CarriedMatch(UUID id, String title, String status, Instant scheduledStart) {
    }

    /**
     * The live view: the match (for a match's view), its stream's state and health, the player URL
     * while the stream's current session has one, every destination with its push, and the matches
     * the stream carries.
     */
    public record LiveView(MatchView match, StreamView stream, String playerUrl, List<DestinationView> destinations,
            List<CarriedMatch> matches) {
    }

    static LiveView view(Live live) {
        Stored s = live.stream();
        StreamView stream = s == null ? null
                : new StreamView(s.streamId(), lower(s.state().name()), s.sessionId(), s.updatedAt(), s.health());
        String player = live.player() != null && "RUNNING".equals(live.player().state()) ? live.player().playerUrl() : null;
        return new LiveView(live.match() == null ? null : MatchMapper.view(live.match()), stream, player,
                live.destinations().stream().map(LiveModels::view).toList(),
                live.matches().stream().map(m -> new CarriedMatch(m.id(), m.fields().title(), m.status().code(),
                        m.fields().scheduledStart())).toList());
    }

    private static DestinationView view(DestinationState d) {
        Push p = d.push();
        PushView push = p == null ? null : new PushView(p.targetId(), p.state() == null ? null : lower(p.state().name()),
                p.attempt(), p.reason(), p.nextTryAt(), p.preflight(), p.since());
        return new DestinationView(d.destinationId(), d.name(), d.network() == null ? null : lower(d.network()),
                d.planned(), push);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
