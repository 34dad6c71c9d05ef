package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.ingest.Partners.TestStream;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The partner's controls over a stream: settings, list, disable/enable, complete, key reset, delete, sessions. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class StreamControlTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static TopicRecorder lifecycle;

    @BeforeAll
    static void record() {
        lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE);
    }

    @AfterAll
    static void stopRecording() {
        lifecycle.close();
    }

    @Test
    void settingsAreCreatedAndUpdatedOneFieldAtATime() {
        String token = Partners.newPartnerToken("Tennis Tour");
        Map<String, Object> created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Court 1", "reconnectWindowSeconds", 30, "maxDurationSeconds", 7200,
                        "passthrough", "{\"match\":\"QF-2\"}", "test", true))
                .post("/v1/streams").then().statusCode(201).extract().jsonPath().getMap("");
        assertThat(created).containsEntry("maxDurationSeconds", 7200).containsEntry("test", true)
                .containsEntry("passthrough", "{\"match\":\"QF-2\"}");
        String id = (String) created.get("id");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Court 1 (night)"))
                .patch("/v1/streams/{id}", id).then().statusCode(200)
                .body("name", is("Court 1 (night)")).body("reconnectWindowSeconds", is(30))
                .body("maxDurationSeconds", is(7200)).body("passthrough", is("{\"match\":\"QF-2\"}"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reconnectWindowSeconds", 120, "passthrough", "x".repeat(255)))
                .patch("/v1/streams/{id}", id).then().statusCode(200)
                .body("reconnectWindowSeconds", is(120)).body("name", is("Court 1 (night)"));
    }

    @Test
    void invalidSettingsAreA400NamingTheField() {
        String token = Partners.newPartnerToken("Validation United");
        String id = (String) Partners.newStream(token, "ok").get("id");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "passthrough", "x".repeat(256), "maxDurationSeconds", 5))
                .post("/v1/streams").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("passthrough", "maxDurationSeconds"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "  "))
                .patch("/v1/streams/{id}", id).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reconnectWindowSeconds", 1801))
                .patch("/v1/streams/{id}", id).then().statusCode(400)
                .body("errors.field", hasItem("reconnectWindowSeconds"));
    }

    @Test
    void theListFiltersByStatusAndPagesWithACursor() {
        String token = Partners.newPartnerToken("Esports League");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add((String) Partners.newStream(token, "Arena " + i).get("id"));
        }
        given().auth().oauth2(token).post("/v1/streams/{id}/disable", ids.get(1)).then().statusCode(200);
        given().auth().oauth2(token).post("/v1/streams/{id}/disable", ids.get(3)).then().statusCode(200);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/streams").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("streams.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);

        given().auth().oauth2(token).queryParam("status", "disabled").get("/v1/streams").then().statusCode(200)
                .body("streams.id", is(List.of(ids.get(1), ids.get(3)))).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("status", "sleeping").get("/v1/streams").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().auth().oauth2(token).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/v1/streams").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/streams").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void aDisabledStreamRefusesItsKeyUntilEnabledAndDisablingEndsTheSession() throws IOException {
        TestStream stream = Partners.newPartnerStream("Rugby Union", "Pitch 2", 60);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);

        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/disable", stream.id()).then().statusCode(200)
                .body("state", is("DISABLED"));
        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/disable", stream.id()).then().statusCode(200);
        Hooks.call("on_publish", stream.key(), "2").then().statusCode(403);
        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/enable", stream.id()).then().statusCode(200)
                .body("state", is("IDLE"));
        Hooks.call("on_publish", stream.key(), "3").then().statusCode(302);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 6, EVENTS);
        assertThat(types(events)).containsExactly("stream.created", "stream.started", "stream.ended",
                "stream.disabled", "stream.enabled", "stream.started");
        assertThat(((StreamEnded) read(events.get(2))).reason()).isEqualTo(EndReason.DISABLED);
        assertSequencesFromOne(events);
    }

    @Test
    void completeEndsTheSessionEvenInsideTheReconnectWindow() {
        TestStream stream = Partners.newPartnerStream("Broadcaster", "Studio C", 600);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);
        Hooks.call("on_publish_done", stream.key(), "1").then().statusCode(204);
        assertThat(stream.state()).isEqualTo("INTERRUPTED");

        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/complete", stream.id()).then().statusCode(200)
                .body("state", is("ENDED")).body("reconnectDeadline", nullValue());
        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/complete", stream.id()).then().statusCode(200)
                .body("state", is("ENDED"));

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 4, EVENTS);
        assertThat(types(events)).containsExactly("stream.created", "stream.started", "stream.interrupted",
                "stream.ended");
        assertThat(((StreamEnded) read(events.get(3))).reason()).isEqualTo(EndReason.COMPLETED);
        given().auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id()).then().statusCode(200)
                .body("size()", is(1)).body("[0].endReason", is("COMPLETED"));
        Hooks.call("on_publish", stream.key(), "2").then().statusCode(302);
        given().auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id()).then().statusCode(200)
                .body("size()", is(2)).body("[0].endedAt", nullValue());
    }

    @Test
    void aResetKeyRefusesTheOldKeyAtOnceAndTheNewOneResumesTheSession() throws IOException {
        TestStream stream = Partners.newPartnerStream("Esports Org", "Main stage", 60);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);

        Map<String, Object> reset = given().auth().oauth2(stream.token())
                .post("/v1/streams/{id}/reset-stream-key", stream.id()).then().statusCode(200)
                .extract().jsonPath().getMap("");
        String newKey = (String) reset.get("streamKey");
        assertThat(newKey).startsWith("fo_").isNotEqualTo(stream.key());
        assertThat(reset.get("publishUrl")).isEqualTo(reset.get("ingestUrl") + "/" + newKey);
        assertThat(reset).containsEntry("state", "INTERRUPTED");

        Hooks.call("on_publish", stream.key(), "2").then().statusCode(403);
        Hooks.call("on_publish", newKey, "3").then().statusCode(302);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 5, EVENTS);
        assertThat(types(events)).containsExactly("stream.created", "stream.started", "stream.key-rotated",
                "stream.interrupted", "stream.resumed");
        assertThat(lifecycle.withKey(stream.id()).stream().map(TopicRecorder.Recorded::valueAsString))
                .noneMatch(v -> v.contains(newKey) || v.contains(stream.key()));
        assertSequencesFromOne(events);
    }

    @Test
    void deletingALiveStreamEndsItsSessionAndForgetsItsKey() {
        TestStream stream = Partners.newPartnerStream("Club", "Court 9", 60);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);

        given().auth().oauth2(stream.token()).delete("/v1/streams/{id}", stream.id()).then().statusCode(204);

        given().auth().oauth2(stream.token()).get("/v1/streams/{id}", stream.id()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stream.token()).delete("/v1/streams/{id}", stream.id()).then().statusCode(404);
        given().auth().oauth2(stream.token()).get("/v1/streams").then().statusCode(200).body("streams", is(List.of()));
        Hooks.call("on_publish", stream.key(), "2").then().statusCode(403);
        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 3, EVENTS);
        assertThat(((StreamEnded) read(events.get(2))).reason()).isEqualTo(EndReason.DELETED);
    }

    @Test
    void anOversizedBodyIsRefusedWithAProblem() {
        String token = Partners.newPartnerToken("Big Sender");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(70_000) + "\"}")
                .post("/v1/streams").then().statusCode(413).contentType("application/problem+json")
                .body("status", is(413));
        given().auth().oauth2(token).get("/v1/streams").then().statusCode(200).body("streams", is(List.of()));
    }

    private static void assertSequencesFromOne(List<TopicRecorder.Recorded> events) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            assertThat(Json.mapper().readTree(events.get(i).value()).path("sequence").asLong())
                    .as("sequence of event %d", i).isEqualTo(i + 1L);
        }
    }

    private static List<String> types(List<TopicRecorder.Recorded> events) {
        return events.stream().map(e -> EventType.ofCeType(e.header(CloudEvents.TYPE)).shortName()).toList();
    }

    private static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
