package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.Json;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.SchemaOrgVocabulary;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A match's structured data is a schema.org {@code SportsEvent} with its {@code BroadcastEvent},
 * valid by schema.org's own vocabulary (every type and property exists, every value in its range),
 * with what search engines require (Google's event and livestream guidelines: an event's name,
 * startDate and location; a broadcast's isLiveBroadcast and startDate), and true at every step:
 * scheduled, live with the player, ended with its end.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class JsonLdTest {

    private static EventPublisher ingest;
    private static EventPublisher transcode;

    private final Catalog partner = new Catalog();
    private final SchemaOrgVocabulary schemaOrg = SchemaOrgVocabulary.shared();

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        transcode = EventPublisher.as("/fanout/transcode-service");
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        transcode.close();
    }

    @Test
    void aRugbyMatchIsAValidSportsEventWhoseBroadcastFollowsTheMatch() throws Exception {
        UUID stream = partner.stream(ingest);
        UUID match = partner.createMatch("2027-09-05T15:00:00Z", Map.of("stage", "Round 2", "streamId", stream,
                "scheduledEnd", "2027-09-05T17:00:00Z"));

        JsonNode scheduled = jsonLd(match);
        assertValid(scheduled);
        assertThat(scheduled.path("@type").asText()).isEqualTo("SportsEvent");
        assertThat(scheduled.path("name").asText()).isEqualTo("France v Ireland");
        assertThat(scheduled.path("sport").asText()).isEqualTo("Rugby");
        assertThat(scheduled.path("homeTeam").path("name").asText()).isEqualTo("France");
        assertThat(scheduled.path("awayTeam").path("@type").asText()).isEqualTo("SportsTeam");
        assertThat(scheduled.path("superEvent").path("name").asText()).isEqualTo("Six Nations");
        assertThat(scheduled.path("eventStatus").asText()).isEqualTo("https://schema.org/EventScheduled");
        assertThat(scheduled.path("subEvent").path("startDate").asText()).isEqualTo("2027-09-05T15:00:00Z");
        assertThat(scheduled.path("subEvent").has("url")).isFalse();

        UUID session = UUID.randomUUID();
        ingest.send(Events.streamStarted(stream, partner.partner, 2, session));
        transcode.send(Events.ladderStarted(stream, partner.partner, session, "https://edge.example/hls/" + stream + ".m3u8"));
        await().atMost(Catalog.DEADLINE).until(() -> jsonLd(match).path("subEvent").has("url"));
        JsonNode live = jsonLd(match);
        assertValid(live);
        Instant wentLive = Instant.parse(live.path("subEvent").path("startDate").asText());
        assertThat(wentLive).isAfter(Instant.now().minusSeconds(60));
        assertThat(live.path("subEvent").path("url").asText()).endsWith(stream + ".m3u8");
        assertThat(live.path("subEvent").path("isLiveBroadcast").asBoolean()).isTrue();

        ingest.send(Events.streamEnded(stream, partner.partner, 3, session));
        await().atMost(Catalog.DEADLINE).until(() -> Instant.parse(jsonLd(match).path("subEvent").path("endDate").asText())
                .isBefore(Instant.parse("2027-01-01T00:00:00Z")));
        JsonNode ended = jsonLd(match);
        assertValid(ended);
        assertThat(Instant.parse(ended.path("endDate").asText())).isAfterOrEqualTo(wentLive);
    }

    @Test
    void aTennisMatchWithoutVenueCancelledIsValidToo() throws Exception {
        UUID match = partner.createMatch(Map.of("sport", "tennis", "competition", "Open", "participants", List.of(
                Map.of("name", "C. Alcaraz", "role", "player"), Map.of("name", "J. Sinner", "role", "player")),
                "scheduledStart", "2027-09-06T11:00:00Z"));
        given().auth().oauth2(partner.token).post("/v1/matches/{id}/cancel", match).then().statusCode(200);

        JsonNode cancelled = jsonLd(match);
        assertValid(cancelled);
        assertThat(cancelled.path("competitor").findValuesAsText("@type")).containsOnly("Person");
        assertThat(cancelled.path("eventStatus").asText()).isEqualTo("https://schema.org/EventCancelled");
        assertThat(cancelled.path("location").path("@type").asText()).isEqualTo("VirtualLocation");
    }

    private void assertValid(JsonNode event) {
        assertThat(schemaOrg.problems(event)).as("schema.org problems in " + event).isEmpty();
        assertThat(event.path("@context").asText()).isEqualTo("https://schema.org");
        for (String required : List.of("name", "startDate", "location")) {
            assertThat(event.has(required)).as("event has " + required).isTrue();
        }
        JsonNode broadcast = event.path("subEvent");
        assertThat(broadcast.path("@type").asText()).isEqualTo("BroadcastEvent");
        for (String required : List.of("isLiveBroadcast", "startDate")) {
            assertThat(broadcast.has(required)).as("broadcast has " + required).isTrue();
        }
    }

    private JsonNode jsonLd(UUID match) throws Exception {
        String body = given().auth().oauth2(partner.token).accept("application/ld+json").get("/v1/matches/{id}/jsonld", match)
                .then().statusCode(200).contentType("application/ld+json").extract().asString();
        return Json.mapper().readTree(body);
    }
}
