package io.fanout.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The vocabulary knows schema.org's types, properties and ranges, and says what breaks them. */
class SchemaOrgVocabularyTest {

    private final SchemaOrgVocabulary vocabulary = SchemaOrgVocabulary.shared();

    @Test
    void knowsTypesAndInheritedProperties() {
        assertThat(vocabulary.isType("SportsEvent")).isTrue();
        assertThat(vocabulary.isType("BroadcastEvent")).isTrue();
        assertThat(vocabulary.isType("SportsMatch")).isFalse();
        assertThat(vocabulary.properties("SportsEvent")).containsKeys("homeTeam", "sport", "startDate", "name", "subEvent");
        assertThat(vocabulary.properties("BroadcastEvent")).containsKeys("isLiveBroadcast", "startDate", "url");
        assertThat(vocabulary.properties("BroadcastEvent").get("isLiveBroadcast")).containsExactly("Boolean");
    }

    @Test
    void aValidNodeHasNoProblems() throws Exception {
        assertThat(vocabulary.problems(json("""
                {"@context": "https://schema.org", "@type": "SportsEvent", "name": "Final", "startDate": "2027-01-01T00:00:00Z",
                 "eventStatus": "https://schema.org/EventScheduled", "homeTeam": {"@type": "SportsTeam", "name": "A"},
                 "location": {"@type": "Place", "name": "Court 1"},
                 "subEvent": {"@type": "BroadcastEvent", "isLiveBroadcast": true, "startDate": "2027-01-01T00:00:00Z"}}
                """))).isEmpty();
    }

    @Test
    void namesEveryBreach() throws Exception {
        assertThat(vocabulary.problems(json("""
                {"@type": "SportsEvent", "name": "Final", "score": "3-1", "eventStatus": "https://schema.org/EventLive",
                 "homeTeam": {"@type": "Place", "name": "A"}, "location": {"@type": "Stadium9"},
                 "subEvent": {"@type": "BroadcastEvent", "isLiveBroadcast": "yes"}}
                """))).hasSize(6)
                .anySatisfy(p -> assertThat(p).contains("no property score"))
                .anySatisfy(p -> assertThat(p).contains("EventLive"))
                .anySatisfy(p -> assertThat(p).contains("a Place where"))
                .anySatisfy(p -> assertThat(p).contains("unknown @type Stadium9"))
                .anySatisfy(p -> assertThat(p).contains("isLiveBroadcast"));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
