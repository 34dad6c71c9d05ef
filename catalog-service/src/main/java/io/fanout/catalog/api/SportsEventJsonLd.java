package io.fanout.catalog.api;

import io.fanout.catalog.domain.Competitor;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.MatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A match as schema.org structured data, what search engines read to mark a partner's page as live:
 * a {@code SportsEvent} (name, sport, competition as its super event, competitors, venue, dates,
 * status) whose {@code subEvent} is the {@code BroadcastEvent} of the platform's stream
 * ({@code isLiveBroadcast}, its real start and end once known, the player URL). It is rebuilt from
 * the match on every read, so it says live while the match is live and gives the end once it ended.
 */
final class SportsEventJsonLd {

    static final String MEDIA_TYPE = "application/ld+json";
    private static final String SCHEMA = "https://schema.org/";

    private SportsEventJsonLd() {
    }

    static Map<String, Object> of(Match match, String playerUrl) {
        MatchFields f = match.fields();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@context", "https://schema.org");
        event.put("@type", "SportsEvent");
        event.put("name", f.title());
        event.put("description", f.stage() == null ? f.competition() : f.competition() + ", " + f.stage());
        event.put("sport", sport(f));
        event.put("startDate", start(match).toString());
        Instant end = end(match);
        if (end != null) {
            event.put("endDate", end.toString());
        }
        event.put("eventStatus", SCHEMA + status(match.status()));
        event.put("eventAttendanceMode", SCHEMA + (f.venue() == null ? "OnlineEventAttendanceMode"
                : "MixedEventAttendanceMode"));
        event.put("location", location(f, playerUrl));
        event.put("superEvent", typed("SportsEvent", "name", f.competition()));
        competitors(f, event);
        event.put("subEvent", broadcast(match, playerUrl));
        return event;
    }

    private static Map<String, Object> broadcast(Match match, String playerUrl) {
        Map<String, Object> broadcast = typed("BroadcastEvent", "name", match.fields().title());
        broadcast.put("isLiveBroadcast", true);
        broadcast.put("startDate", start(match).toString());
        Instant end = end(match);
        if (end != null) {
            broadcast.put("endDate", end.toString());
        }
        if (playerUrl != null) {
            broadcast.put("url", playerUrl);
        }
        return broadcast;
    }

    private static void competitors(MatchFields f, Map<String, Object> event) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Competitor c : f.competitors()) {
            Map<String, Object> node = typed(c.role() == Competitor.Role.PLAYER ? "Person" : "SportsTeam", "name", c.name());
            all.add(node);
            if (c.role() == Competitor.Role.HOME) {
                event.put("homeTeam", node);
            } else if (c.role() == Competitor.Role.AWAY) {
                event.put("awayTeam", node);
            }
        }
        if (!all.isEmpty()) {
            event.put("competitor", all);
        }
    }

    /** The venue; a match without one happens online, at the player when there is one. */
    private static Map<String, Object> location(MatchFields f, String playerUrl) {
        if (f.venue() != null) {
            return typed("Place", "name", f.venue());
        }
        return playerUrl == null ? typed("VirtualLocation", "name", "Live stream") : typed("VirtualLocation", "url", playerUrl);
    }

    /** When it really started, once it did; the schedule until then. */
    private static Instant start(Match match) {
        return match.liveAt() != null ? match.liveAt() : match.fields().scheduledStart();
    }

    private static Instant end(Match match) {
        return match.endedAt() != null ? match.endedAt() : match.fields().scheduledEnd();
    }

    private static String status(MatchState state) {
        return switch (state) {
            case CANCELLED -> "EventCancelled";
            case POSTPONED -> "EventPostponed";
            case SCHEDULED, LIVE, ENDED -> "EventScheduled";
        };
    }

    private static String sport(MatchFields f) {
        String code = f.sport().code();
        return code.equals("esports") ? "Esports" : code.substring(0, 1).toUpperCase(Locale.ROOT) + code.substring(1);
    }

    private static Map<String, Object> typed(String type, String key, Object value) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@type", type);
        node.put(key, value);
        return node;
    }
}
