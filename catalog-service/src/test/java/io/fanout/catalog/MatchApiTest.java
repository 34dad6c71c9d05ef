package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import io.fanout.catalog.api.MatchModels.MatchView;
import io.fanout.catalog.persistence.MatchListQuery;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.IsoInstants;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchStatus;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.push.Network;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The match API against a real broker and database: create, read, list with filters and cursor
 * pages in start order, edit, postpone, cancel, bind, plan; every change versioned and on
 * {@code catalog-events}; bad input a 400 naming the field.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class MatchApiTest {

    private static EventPublisher ingest;
    private static EventPublisher publish;
    private static TopicRecorder catalogEvents;

    private final Catalog partner = new Catalog();

    @Inject
    ObjectMapper apiMapper;

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        publish = EventPublisher.as("/fanout/publish-service");
        catalogEvents = TopicRecorder.of(Topics.CATALOG_EVENTS);
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        publish.close();
        catalogEvents.close();
    }

    /** Match lists write six times a match: with the wire format's writer, not Jackson's formatter. */
    @Test
    void theApiWritesTimesAsTheEventsDo() throws Exception {
        BeanSerializerBase view = (BeanSerializerBase) apiMapper.getSerializerProviderInstance()
                .findTypedValueSerializer(MatchView.class, true, null);
        assertThat(view.properties()).toIterable().filteredOn(p -> p.getName().equals("scheduledStart")).singleElement()
                .extracting(p -> ((BeanPropertyWriter) p).getSerializer()).isInstanceOf(IsoInstants.Serializer.class);
        UUID id = partner.createMatch("2027-02-01T20:00:00.250Z", Map.of());
        partner.match(id).then().statusCode(200).body("scheduledStart", is("2027-02-01T20:00:00.250Z"));
    }

    @Test
    void aMatchIsCreatedReadAndTitledFromItsParticipants() {
        UUID id = partner.createMatch("2027-02-01T20:00:00Z", Map.of("stage", "Round 1"));

        partner.match(id).then().statusCode(200)
                .body("sport", is("rugby"))
                .body("title", is("France v Ireland"))
                .body("stage", is("Round 1"))
                .body("participants[1].role", is("away"))
                .body("status", is("scheduled"))
                .body("late", is(false))
                .body("version", is(1))
                .body("scheduledStart", is("2027-02-01T20:00:00Z"));
    }

    @Test
    void listsFilterAndPageInStartOrderWithoutGapsOrRepeats() {
        List<UUID> rugby = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            rugby.add(partner.createMatch("2027-03-0" + day + "T15:00:00Z", Map.of()));
        }
        UUID tennis = partner.createMatch(Map.of("sport", "tennis", "competition", "Wimbledon", "title",
                "Centre Court final", "venue", "Stade de l'Épée", "scheduledStart", "2027-03-04T13:00:00Z"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(partner.token).queryParam("sport", "rugby").queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/v1/matches").then().statusCode(200).extract();
            paged.addAll(page.path("matches.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(rugby.stream().map(UUID::toString).toList());

        assertThat(ids(Map.of("from", "2027-03-03T00:00:00Z", "to", "2027-03-05T00:00:00Z")))
                .containsExactly(rugby.get(2).toString(), tennis.toString(), rugby.get(3).toString());
        assertThat(ids(Map.of("q", "centre court"))).containsExactly(tennis.toString());
        assertThat(ids(Map.of("q", "IRELAND", "to", "2027-03-02T00:00:00Z"))).containsExactly(rugby.get(0).toString());
        assertThat(ids(Map.of("competition", "wimbledon"))).containsExactly(tennis.toString());
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("reason", "pitch frozen"))
                .post("/v1/matches/{id}/cancel", rugby.get(5)).then().statusCode(200).body("status", is("cancelled"));
        assertThat(ids(Map.of("status", "cancelled"))).containsExactly(rugby.get(5).toString());
        // Whole words in any order, accents and case aside; the last word may be a word's start.
        assertThat(ids(Map.of("q", "court CENTRE"))).containsExactly(tennis.toString());
        assertThat(ids(Map.of("q", "final cent"))).containsExactly(tennis.toString());
        assertThat(ids(Map.of("q", "epee"))).containsExactly(tennis.toString());
        assertThat(ids(Map.of("q", "l'ÉPÉE!"))).containsExactly(tennis.toString());
        assertThat(ids(Map.of("q", "entre"))).as("not inside a word").isEmpty();
        assertThat(ids(Map.of("q", "cent court"))).as("only the last word may be a start").isEmpty();
        assertThat(ids(Map.of("q", "100%_"))).isEmpty();
    }

    @Test
    void aSearchForCommonWordsPagesAlikeWhetherItsPageIsWalkedOrFoundInTheIndex() {
        Instant first = Instant.parse("2027-05-01T00:00:00Z");
        List<UUID> games = new ArrayList<>();
        for (int i = 0; i < MatchListQuery.WALK_ROWS + 30; i++) {
            games.add(partner.createMatch(first.plus(i, ChronoUnit.HOURS).toString(), Map.of("title", "Game " + i,
                    "venue", i > MatchListQuery.WALK_ROWS && i % 10 == 0 ? "Zulu Park" : "Stade de France")));
        }
        // Every match holds "game" and words starting with "s": each page is walked but the last,
        // which the walk cannot fill.
        assertThat(allPages("game s", 25)).containsExactlyElementsOf(games);
        List<UUID> oneAndUp = new ArrayList<>();
        for (int i = 0; i < games.size(); i++) {
            if (Integer.toString(i).startsWith("1")) {
                oneAndUp.add(games.get(i));
            }
        }
        assertThat(allPages("GAME 1", 7)).containsExactlyElementsOf(oneAndUp);
        // Held only by matches after the walk's rows: the index finds them.
        assertThat(allPages("park z", 20)).containsExactly(games.get(MatchListQuery.WALK_ROWS + 10), games.get(MatchListQuery.WALK_ROWS + 20));
    }

    @Test
    void everyChangeIsVersionedAndOnCatalogEventsInOrder() {
        UUID stream = partner.stream(ingest);
        UUID youtube = partner.destination(publish, "Main channel", Network.YOUTUBE);
        UUID id = partner.createMatch("2027-04-01T19:00:00Z", Map.of());

        partner.awaitPlan(id, List.of(Map.of("destinationId", youtube, "titleTemplate", "{competition}: {participants}")));
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("venue", "Aviva Stadium"))
                .patch("/v1/matches/{id}", id).then().statusCode(200).body("version", is(3));
        partner.bind(id, stream).then().statusCode(200).body("streamId", is(stream.toString()));
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("status", "postponed"))
                .patch("/v1/matches/{id}", id).then().statusCode(200).body("status", is("postponed"));
        given().auth().oauth2(partner.token).post("/v1/matches/{id}/cancel", id).then().statusCode(200)
                .body("version", is(6));

        List<TopicRecorder.Recorded> events = catalogEvents.awaitRecords(id.toString(), 6, Catalog.DEADLINE);
        assertThat(events).extracting(r -> r.header(CloudEvents.TYPE)).containsExactly(
                EventType.MATCH_SCHEDULED.ceType(), EventType.MATCH_UPDATED.ceType(), EventType.MATCH_UPDATED.ceType(),
                EventType.MATCH_UPDATED.ceType(), EventType.MATCH_UPDATED.ceType(), EventType.MATCH_CANCELLED.ceType());
        MatchScheduled scheduled = (MatchScheduled) read(events.get(0));
        assertThat(scheduled.version()).isEqualTo(1);
        assertThat(scheduled.partnerId()).isEqualTo(partner.partner.toString());
        assertThat(scheduled.match().participants()).containsExactly(new Participant("France", "home"),
                new Participant("Ireland", "away"));
        MatchUpdated planned = (MatchUpdated) read(events.get(1));
        assertThat(planned.match().plan()).singleElement().satisfies(p -> {
            assertThat(p.destinationId()).isEqualTo(youtube.toString());
            assertThat(p.title()).isEqualTo("Six Nations: France v Ireland");
        });
        MatchUpdated bound = (MatchUpdated) read(events.get(3));
        assertThat(bound.match().streamId()).isEqualTo(stream.toString());
        assertThat(bound.match().venue()).isEqualTo("Aviva Stadium");
        assertThat(((MatchUpdated) read(events.get(4))).match().status()).isEqualTo(MatchStatus.POSTPONED);
        assertThat(((MatchCancelled) read(events.get(5))).version()).isEqualTo(6);
        assertThat(events).extracting(r -> r.header(CloudEvents.SOURCE)).containsOnly("/fanout/catalog-service");
    }

    @Test
    void aRefusedChangeIsAConflictAndChangesNothing() {
        UUID id = partner.createMatch("2027-05-01T19:00:00Z", Map.of());
        given().auth().oauth2(partner.token).post("/v1/matches/{id}/cancel", id).then().statusCode(200);

        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("status", "scheduled"))
                .patch("/v1/matches/{id}", id).then().statusCode(409).contentType("application/problem+json");
        partner.plan(id, List.of()).then().statusCode(200);
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("status", "live"))
                .patch("/v1/matches/{id}", id).then().statusCode(409);
        partner.match(id).then().body("status", is("cancelled")).body("version", is(2));
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Object> good = Map.of("sport", "tennis", "competition", "Open", "title", "Final",
                "scheduledStart", "2027-06-01T12:00:00Z");
        assertField(with(good, "sport", "curling"), "sport");
        assertField(with(good, "competition", " "), "competition");
        assertField(with(good, "competition", "Open\u0000\u202e"), "competition");
        assertField(with(good, "title", "x".repeat(301)), "title");
        assertField(with(good, "scheduledStart", "yesterday"), "scheduledStart");
        assertField(without(good, "scheduledStart"), "scheduledStart");
        assertField(with(good, "scheduledEnd", "2027-06-01T11:00:00Z"), "scheduledEnd");
        assertField(with(without(good, "title"), "participants", List.of()), "title");
        assertField(with(good, "participants", List.of(Map.of("name", "A", "role", "captain"))), "participants[0].role");
        assertField(with(good, "plan", List.of(Map.of("destinationId", UUID.randomUUID()))), "plan[0].destinationId");
        assertField(with(good, "plan", List.of(Map.of("destinationId", UUID.randomUUID(), "titleTemplate", "{score}"))),
                "plan[0].titleTemplate");
        assertField(with(good, "streamId", UUID.randomUUID()), "streamId");
        assertField(with(good, "streamId", "not-a-uuid"), "streamId");

        given().auth().oauth2(partner.token).queryParam("cursor", "bm9wZQ").get("/v1/matches").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().auth().oauth2(partner.token).queryParam("from", "soon").get("/v1/matches").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(partner.token).queryParam("status", "over").get("/v1/matches").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        given().auth().oauth2(partner.token).queryParam("q", "- / !").get("/v1/matches").then().statusCode(400)
                .body("errors.field", hasItem("q"));
        given().auth().oauth2(partner.token).queryParam("limit", 0).get("/v1/matches").then().statusCode(400);
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body("{\"sport\": ").post("/v1/matches")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/matches").then().statusCode(401);
    }

    /** Every page of a text search, {@code limit} matches at a time, following the cursor. */
    private List<UUID> allPages(String q, int limit) {
        List<UUID> found = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(partner.token).queryParam("q", q).queryParam("limit", limit)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/v1/matches").then().statusCode(200).extract();
            List<String> ids = page.path("matches.id");
            assertThat(ids.size()).isLessThanOrEqualTo(limit);
            ids.forEach(id -> found.add(UUID.fromString(id)));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return found;
    }

    private List<String> ids(Map<String, Object> query) {
        return given().auth().oauth2(partner.token).queryParams(query).get("/v1/matches").then().statusCode(200)
                .extract().path("matches.id");
    }

    private void assertField(Map<String, Object> body, String field) {
        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(body).post("/v1/matches")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static io.fanout.contracts.FanoutEvent read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
