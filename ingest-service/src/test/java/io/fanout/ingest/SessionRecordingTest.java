package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.ingest.Partners.TestStream;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session's recording, announced by transcode-service on {@code renditions}, is listed with the stream's sessions. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgeResource.class)
class SessionRecordingTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static TopicRecorder lifecycle;
    private static TopicRecorder deadLetters;
    private static EventPublisher transcode;

    @BeforeAll
    static void connect() {
        lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE);
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.RENDITIONS));
        transcode = EventPublisher.as("/fanout/transcode-service");
    }

    @AfterAll
    static void disconnect() {
        lifecycle.close();
        deadLetters.close();
        transcode.close();
    }

    @Test
    void anEndedSessionListsItsRecordingAndAnUnreadableAnnouncementIsParked() {
        TestStream stream = Partners.newPartnerStream("Archive League", "Court 9", 0);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);
        Hooks.call("on_publish_done", stream.key(), "1").then().statusCode(204);
        StreamStarted started = (StreamStarted) read(lifecycle.awaitRecords(stream.id(), 2, EVENTS).get(1));
        String poisoned = UUID.randomUUID().toString();
        transcode.sendRaw(Topics.RENDITIONS, poisoned, CloudEvents.headers(EventType.RECORDING_READY.ceType(),
                UUID.randomUUID().toString(), "/fanout/transcode-service", poisoned, Instant.now()),
                "{\"durationSeconds\": \"long\"}".getBytes(StandardCharsets.UTF_8));
        String url = "http://transcode.test/vod/" + stream.id() + "/" + started.sessionId() + "/master.m3u8";

        transcode.send(new RecordingReady(stream.id(), started.partnerId(), started.sessionId(), Instant.now(), url,
                5412.5, List.of(new Rung("720p", 1280, 720, 3500, 128))));

        JsonPath sessions = await("the recording beside its session").atMost(EVENTS).until(() -> given()
                .auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id())
                .then().statusCode(200).extract().jsonPath(), s -> s.getString("[0].recording.url") != null);
        assertThat(sessions.getString("[0].id")).isEqualTo(started.sessionId());
        assertThat(sessions.getString("[0].recording.url")).isEqualTo(url);
        assertThat(sessions.getDouble("[0].recording.durationSeconds")).isEqualTo(5412.5);
        assertThat(deadLetters.awaitRecords(poisoned, 1, EVENTS).get(0).header("dead-letter-reason"))
                .contains("durationSeconds");
    }

    @Test
    void aSessionWithoutRecordingListsNone() {
        TestStream stream = Partners.newPartnerStream("Archive League", "Court 10", 0);
        Hooks.call("on_publish", stream.key(), "1").then().statusCode(302);

        given().auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id())
                .then().statusCode(200).body("[0].recording", org.hamcrest.Matchers.nullValue());
    }

    private static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
