package io.fanout.platform.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps schema.org {@code SportsEvent} JSON-LD, as leagues publish their fixtures on their web pages,
 * onto {@code fixture.upserted} (or {@code fixture.cancelled} for {@code EventCancelled}): the event's
 * {@code identifier} (or {@code @id}, or {@code url}) is the fixture id, {@code name} its title,
 * {@code sport} (text or a URL such as Wikipedia's) its sport, {@code superEvent} (or
 * {@code organizer}) its competition, {@code homeTeam}, {@code awayTeam} and {@code competitor} its
 * participants, {@code location} its venue, {@code startDate}/{@code endDate} its schedule and
 * {@code dateModified} its version (milliseconds; without it, the time of publishing).
 */
final class SportsEventFixtures {

    private static final Map<String, String> SPORTS = Map.ofEntries(Map.entry("tennis", "tennis"),
            Map.entry("rugby", "rugby"), Map.entry("rugby union", "rugby"), Map.entry("rugby league", "rugby"),
            Map.entry("rugby sevens", "rugby"), Map.entry("football", "football"), Map.entry("soccer", "football"),
            Map.entry("association football", "football"), Map.entry("basketball", "basketball"),
            Map.entry("esports", "esports"), Map.entry("electronic sports", "esports"));

    private SportsEventFixtures() {
    }

    /** Whether a JSON document is JSON-LD (its nodes carry {@code @type} or it has a {@code @graph}). */
    static boolean isJsonLd(JsonNode document) {
        JsonNode first = document.isArray() && document.size() > 0 ? document.get(0) : document;
        return first.has("@type") || first.has("@graph") || first.has("@context");
    }

    /** Every SportsEvent of the document, mapped; other nodes (a WebPage, an Organization) are left out. */
    static List<FanoutEvent> fixtures(JsonNode document, String provider, String partnerId, Instant now) {
        List<FanoutEvent> fixtures = new ArrayList<>();
        for (JsonNode node : nodes(document)) {
            if (types(node).contains("SportsEvent")) {
                fixtures.add(fixture(node, provider, partnerId, now));
            }
        }
        return fixtures;
    }

    private static FanoutEvent fixture(JsonNode e, String provider, String partnerId, Instant now) {
        String id = fixtureId(e);
        long version = e.hasNonNull("dateModified") ? time(e.path("dateModified"), "dateModified").toEpochMilli()
                : now.toEpochMilli();
        if (e.path("eventStatus").asText("").endsWith("EventCancelled")) {
            return new FixtureCancelled(provider, id, partnerId, version, now, "cancelled by " + provider);
        }
        return new FixtureUpserted(provider, id, partnerId, version, now, sport(e), competition(e), null,
                text(e.path("name")), participants(e), venue(e.path("location")), time(e.path("startDate"), "startDate"),
                e.hasNonNull("endDate") ? time(e.path("endDate"), "endDate") : null);
    }

    private static List<JsonNode> nodes(JsonNode document) {
        List<JsonNode> nodes = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(node -> nodes.addAll(nodes(node)));
        } else if (document.has("@graph")) {
            nodes.addAll(nodes(document.path("@graph")));
        } else if (document.isObject()) {
            nodes.add(document);
        }
        return nodes;
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = node.path("@type");
        if (type.isArray()) {
            type.forEach(t -> types.add(strip(t.asText())));
        } else if (type.isTextual()) {
            types.add(strip(type.asText()));
        }
        return types;
    }

    private static String fixtureId(JsonNode e) {
        JsonNode identifier = e.path("identifier");
        String id = identifier.isObject() ? text(identifier.path("value")) : text(identifier);
        if (id == null) {
            id = text(e.path("@id"));
        }
        if (id == null) {
            id = text(e.path("url"));
        }
        if (id == null) {
            throw new IllegalArgumentException("a SportsEvent without identifier, @id or url: " + text(e.path("name")));
        }
        return id.length() > 200 ? id.substring(id.length() - 200) : id;
    }

    private static String sport(JsonNode e) {
        String sport = text(e.path("sport"));
        if (sport == null) {
            return "other";
        }
        String name = sport.contains("/") ? sport.substring(sport.lastIndexOf('/') + 1) : sport;
        name = name.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT).trim();
        return SPORTS.getOrDefault(name, "other");
    }

    private static String competition(JsonNode e) {
        for (String field : List.of("superEvent", "organizer")) {
            JsonNode node = e.path(field);
            String name = node.isObject() ? text(node.path("name")) : text(node);
            if (name != null) {
                return name;
            }
        }
        throw new IllegalArgumentException("SportsEvent " + text(e.path("name")) + " has no superEvent or organizer");
    }

    private static List<Participant> participants(JsonNode e) {
        List<Participant> participants = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        add(participants, seen, e.path("homeTeam"), "home");
        add(participants, seen, e.path("awayTeam"), "away");
        JsonNode competitors = e.path("competitor");
        for (JsonNode competitor : competitors.isArray() ? competitors : List.of(competitors)) {
            add(participants, seen, competitor, types(competitor).contains("Person") ? "player" : "team");
        }
        return participants;
    }

    private static void add(List<Participant> participants, Set<String> seen, JsonNode node, String role) {
        String name = node.isObject() ? text(node.path("name")) : text(node);
        if (name != null && seen.add(name)) {
            participants.add(new Participant(name, role));
        }
    }

    private static String venue(JsonNode location) {
        if (location.isArray()) {
            return location.size() == 0 ? null : venue(location.get(0));
        }
        if (location.isObject()) {
            String name = text(location.path("name"));
            String locality = text(location.path("address").path("addressLocality"));
            return name == null ? locality : locality == null || name.contains(locality) ? name : name + ", " + locality;
        }
        return text(location);
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node);
        if (text == null) {
            throw new IllegalArgumentException("a SportsEvent without " + field);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " '" + text + "' is not an ISO 8601 date or date-time");
            }
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText().trim() : null;
    }

    private static String strip(String type) {
        return type.startsWith("https://schema.org/") ? type.substring("https://schema.org/".length())
                : type.startsWith("http://schema.org/") ? type.substring("http://schema.org/".length()) : type;
    }
}
