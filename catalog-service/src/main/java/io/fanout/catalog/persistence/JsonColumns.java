package io.fanout.catalog.persistence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fanout.catalog.domain.Competitor;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.PlanEntry;
import io.fanout.catalog.domain.Sport;
import io.fanout.catalog.domain.TitleTemplate;
import io.fanout.contracts.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The JSON columns of the catalog's tables ({@code jsonb}, bound as text with {@code CAST(? AS jsonb)}):
 * participants, plans and string lists, written and read in one shape.
 */
final class JsonColumns {

    private record StoredCompetitor(String name, String role) {
    }

    private record StoredPlanEntry(UUID destinationId, String titleTemplate) {
    }

    private record StoredFields(String sport, String competition, String stage, String title,
            List<StoredCompetitor> participants, String venue, Instant scheduledStart, Instant scheduledEnd) {
    }

    /** Readers made once per column shape (each call would otherwise resolve the type again). */
    private static final ObjectReader FIELDS = Json.mapper().readerFor(new TypeReference<StoredFields>() { });
    private static final ObjectReader PLAN = Json.mapper().readerFor(new TypeReference<List<StoredPlanEntry>>() { });
    private static final ObjectReader STRINGS = Json.mapper().readerFor(new TypeReference<List<String>>() { });

    private static final String EMPTY_LIST = "[]";

    private JsonColumns() {
    }

    static String fields(MatchFields f) {
        return f == null ? null : write(new StoredFields(f.sport().code(), f.competition(), f.stage(), f.title(),
                f.competitors().stream().map(c -> new StoredCompetitor(c.name(), c.role().code())).toList(), f.venue(),
                f.scheduledStart(), f.scheduledEnd()));
    }

    static MatchFields fields(String json) {
        if (json == null) {
            return null;
        }
        StoredFields f = read(json, FIELDS);
        return new MatchFields(Sport.of(f.sport()), f.competition(), f.stage(), f.title(), f.participants().stream()
                .map(c -> new Competitor(c.name(), Competitor.Role.of(c.role()))).toList(), f.venue(), f.scheduledStart(),
                f.scheduledEnd());
    }

    static String competitors(List<Competitor> competitors) {
        return write(competitors.stream().map(c -> new StoredCompetitor(c.name(), c.role().code())).toList());
    }

    /**
     * The participants of a match, read token by token: every listed match has them, and binding them
     * through a reader cost several times the tokens themselves (a twentieth of a list call).
     */
    static List<Competitor> competitors(String json) {
        try (JsonParser parser = Json.mapper().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("participants column is not a JSON array");
            }
            List<Competitor> competitors = new ArrayList<>(2);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                String role = null;
                for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                    parser.nextToken();
                    switch (field) {
                        case "name" -> name = parser.getValueAsString();
                        case "role" -> role = parser.getValueAsString();
                        default -> parser.skipChildren();
                    }
                }
                competitors.add(new Competitor(name, Competitor.Role.of(role)));
            }
            return Collections.unmodifiableList(competitors);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }

    static String plan(List<PlanEntry> plan) {
        return write(plan.stream().map(p -> new StoredPlanEntry(p.destinationId(), p.titleTemplate().text())).toList());
    }

    static List<PlanEntry> plan(String json) {
        if (EMPTY_LIST.equals(json)) {
            return List.of(); // most matches, a feed's among them, have no plan yet
        }
        return JsonColumns.<List<StoredPlanEntry>>read(json, PLAN).stream()
                .map(p -> new PlanEntry(p.destinationId(), new TitleTemplate(p.titleTemplate()))).toList();
    }

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : read(json, STRINGS);
    }

    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    static <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }
}
