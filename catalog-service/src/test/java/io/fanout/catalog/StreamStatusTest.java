package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Golden;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TokenKeys;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class StreamStatusTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static EventPublisher ingest;
    private static TopicRecorder deadLetters;

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.STREAM_LIFECYCLE));
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        deadLetters.close();
    }

    @Test
    void followsTheStreamAndIgnoresEventsOlderThanWhatItKnows() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        String stream = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();

        ingest.send(new StreamCreated(stream, partner.toString(), 1, Instant.now(), "Final", 60, false));
        ingest.send(new StreamStarted(stream, partner.toString(), 2, Instant.now(), session));
        await().atMost(DEADLINE).until(() -> "LIVE".equals(state(token, stream)));

        ingest.send(new StreamEnded(stream, partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
        ingest.send(new StreamStarted(stream, partner.toString(), 2, Instant.now(), session));
        ingest.send(new StreamCreated(stream, partner.toString(), 4, Instant.now(), "marker", 60, false));

        await().atMost(DEADLINE).until(() -> "IDLE".equals(state(token, stream)));
        assertThat(given().auth().oauth2(token).get("/v1/streams/{id}/status", stream).then().extract()
                .<Integer>path("sequence")).isEqualTo(4);
    }

    @Test
    void theGoldenStartedEventIsReadAndAnotherPartnerSeesNothing() {
        StreamStarted golden = (StreamStarted) Golden.event(EventType.STREAM_STARTED);
        ingest.send(golden);
        String owner = TokenKeys.shared().partnerToken(UUID.fromString(golden.partnerId()));

        await().atMost(DEADLINE).until(() -> "LIVE".equals(state(owner, golden.streamId())));
        given().auth().oauth2(TokenKeys.shared().partnerToken(UUID.randomUUID()))
                .get("/v1/streams/{id}/status", golden.streamId()).then().statusCode(404);
        given().get("/v1/streams/{id}/status", golden.streamId()).then().statusCode(401);
    }

    @Test
    void aPoisonedRecordIsParked() {
        String key = UUID.randomUUID().toString();
        ingest.sendRaw(Topics.STREAM_LIFECYCLE, key, Map.of(CloudEvents.TYPE, "fanout.stream.exploded.v1"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.awaitRecords(key, 1, DEADLINE).get(0).header("dead-letter-reason"))
                .contains("unknown event type");
    }

    private static String state(String token, String stream) {
        var response = given().auth().oauth2(token).get("/v1/streams/{id}/status", stream);
        return response.statusCode() == 200 ? response.jsonPath().getString("state") : null;
    }
}
