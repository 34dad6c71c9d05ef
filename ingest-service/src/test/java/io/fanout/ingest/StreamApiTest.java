package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class StreamApiTest {

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
    void aPartnerCreatesAStreamAndGetsItsKeyOnce() {
        String token = Partners.newPartnerToken("Rugby League");

        Map<String, Object> created = Partners.newStream(token, "Final, pitch 1");

        assertThat((String) created.get("streamKey")).startsWith("fo_").hasSizeGreaterThan(30);
        assertThat(created.get("publishUrl")).isEqualTo(created.get("ingestUrl") + "/" + created.get("streamKey"));
        assertThat(created).containsEntry("state", "IDLE").containsEntry("reconnectWindowSeconds", 60)
                .containsEntry("maxDurationSeconds", 43_200);
        given().auth().oauth2(token).get("/v1/streams/{id}", created.get("id"))
                .then().statusCode(200)
                .body("name", is("Final, pitch 1"))
                .body("$", not(org.hamcrest.Matchers.hasKey("streamKey")));
    }

    @Test
    void aStreamGetsTheStandardLadderWithoutRecordingUntilItsPartnerChoosesOtherwise() {
        String token = Partners.newPartnerToken("Media Settings Club");
        Map<String, Object> created = Partners.newStream(token, "Court 3");
        assertThat(created).containsEntry("ladder", "STANDARD").containsEntry("record", false);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("record", true))
                .patch("/v1/streams/{id}", created.get("id"))
                .then().statusCode(200).body("ladder", is("STANDARD")).body("record", is(true));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ladder", "NONE"))
                .patch("/v1/streams/{id}", created.get("id"))
                .then().statusCode(200).body("ladder", is("NONE")).body("record", is(true));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ladder", "4K"))
                .patch("/v1/streams/{id}", created.get("id"))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("ladder"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Court 4", "ladder", "PASSTHROUGH_ONLY", "record", true)).post("/v1/streams")
                .then().statusCode(201).body("ladder", is("PASSTHROUGH_ONLY")).body("record", is(true));
        given().auth().oauth2(token).get("/v1/streams/{id}", created.get("id"))
                .then().statusCode(200).body("ladder", is("NONE")).body("record", is(true));
    }

    @Test
    void creatingAStreamEmitsStreamCreatedWithCloudEventHeaders() {
        String token = Partners.newPartnerToken("Esports Org");
        String id = (String) Partners.newStream(token, "Grand final").get("id");

        TopicRecorder.Recorded record = lifecycle.awaitRecords(id, 1, Duration.ofSeconds(20)).get(0);

        assertThat(record.header(CloudEvents.TYPE)).isEqualTo(EventType.STREAM_CREATED.ceType());
        assertThat(record.header(CloudEvents.SUBJECT)).isEqualTo(id);
        assertThat(record.header(CloudEvents.SOURCE)).isEqualTo("/fanout/ingest-service");
        assertThat(record.header(CloudEvents.ID)).isNotBlank();
        StreamCreated event = (StreamCreated) Json.read(record.header(CloudEvents.TYPE), record.value());
        assertThat(event.streamId()).isEqualTo(id);
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.name()).isEqualTo("Grand final");
        assertThat(record.valueAsString()).doesNotContain("fo_");
    }

    @Test
    void anotherPartnersStreamIsExactlyAsAbsentAsAnUnknownOne() {
        String owner = Partners.newPartnerToken("Tennis Tour");
        String other = Partners.newPartnerToken("Broadcaster");
        String id = (String) Partners.newStream(owner, "Centre court").get("id");

        given().auth().oauth2(other).get("/v1/streams/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).get("/v1/streams/{id}", "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        List<String> othersStreams = given().auth().oauth2(other).get("/v1/streams")
                .then().statusCode(200).extract().path("streams.id");
        assertThat(othersStreams).doesNotContain(id);
        given().auth().oauth2(owner).get("/v1/streams").then().statusCode(200).body("streams.id", hasItem(id));
    }

    @Test
    void callsWithoutTheRightCredentialAreRefused() {
        String partner = Partners.newPartnerToken("Somebody");

        given().get("/v1/streams").then().statusCode(401);
        given().auth().oauth2(Partners.ADMIN_KEY).get("/v1/streams").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/v1/streams").then().statusCode(401);
        given().auth().oauth2(partner).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/partners").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/partners").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/partners").then().statusCode(401);
    }

    @Test
    void invalidFieldsAreA400NamingEachField() {
        String token = Partners.newPartnerToken("Validation FC");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "", "reconnectWindowSeconds", 5000))
                .post("/v1/streams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItems("name", "reconnectWindowSeconds"))
                .body("detail", containsString("reconnectWindowSeconds"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"ok\", \"reconnectWindowSeconds\": \"soon\"}")
                .post("/v1/streams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reconnectWindowSeconds"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{not json")
                .post("/v1/streams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void aNameWithControlCharactersIsA400NamingItNotA500() {
        String hostile = "{\"name\": \"\\u0000\\u202e\"}";
        given().auth().oauth2(Partners.ADMIN_KEY).contentType(ContentType.JSON).body(hostile)
                .post("/v1/partners")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        String token = Partners.newPartnerToken("Control Characters FC");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(hostile)
                .post("/v1/streams")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"ok\", \"passthrough\": \"a\\u0000b\"}")
                .post("/v1/streams")
                .then().statusCode(400).body("errors.field", hasItem("passthrough"));
        Object id = Partners.newStream(token, "Court 2").get("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(hostile)
                .patch("/v1/streams/{id}", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().auth().oauth2(token).get("/v1/streams/{id}", id).then().statusCode(200).body("name", is("Court 2"));
    }
}
