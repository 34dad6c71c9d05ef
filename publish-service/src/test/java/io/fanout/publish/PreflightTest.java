package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.HealthWarning;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Preflight during a push: {@code stream-health} measurements (as ingest-service sends them, on a
 * real broker) checked against each push's network: a Twitch push is told when keyframes are 4 s
 * apart and again when they are back to 2 s; a plain RTMP push, with no documented limit, is not.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class PreflightTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);



    @Test
    void aTwitchPushIsToldWhenTheStreamsKeyframesAreTooFarApartAndWhenTheyAreBack() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        // Nothing listens on port 1: the pushes keep retrying (active) under a patient policy.
        String twitch = destination(token, "twitch");
        String rtmp = destination(token, "rtmp");
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Keyframes", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, twitch) == 201);
        assertThat(PublishTestSupport.tryCreateTarget(token, stream, rtmp)).isEqualTo(201);
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));
        String twitchTarget = PublishTestSupport.targetOf(token, stream, twitch);
        String rtmpTarget = PublishTestSupport.targetOf(token, stream, rtmp);
        await().atMost(DEADLINE).until(() -> !pushStatus.withKey(twitchTarget).isEmpty()
                && !pushStatus.withKey(rtmpTarget).isEmpty());

        ingest.send(health(stream, partner, session, 4.0));
        await().atMost(DEADLINE).until(() -> preflights(twitchTarget).size() == 1);
        PushPreflight flagged = preflights(twitchTarget).get(0);
        assertThat(flagged.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo(PreflightCheck.KEYFRAME_INTERVAL);
            assertThat(v.detail()).isEqualTo("keyframes every 4.0 s; twitch accepts at most 2.0 s");
        });
        List<Map<String, Object>> targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream)
                .then().statusCode(200).extract().path("$");
        assertThat(targets).filteredOn(t -> twitchTarget.equals(t.get("id"))).singleElement()
                .satisfies(t -> assertThat(t.get("preflight").toString()).contains("KEYFRAME_INTERVAL"));

        ingest.send(health(stream, partner, session, 4.0));
        ingest.send(health(stream, partner, session, 2.0));
        await().atMost(DEADLINE).until(() -> preflights(twitchTarget).size() == 2);
        assertThat(preflights(twitchTarget).get(1).violations()).as("cleared; the repeated measurement said nothing new")
                .isEmpty();
        assertThat(preflights(rtmpTarget)).as("no documented limit for a plain RTMP endpoint").isEmpty();
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
    }

    private static String destination(String token, String network) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", network, "network", network, "ingestUrl", "rtmp://127.0.0.1:1/app",
                        "streamKey", "k-" + UUID.randomUUID(), "retryPolicy", Map.of("maxAttempts", 100, "maxDelaySeconds", 2)))
                .post("/v1/destinations").then().statusCode(201).extract().path("id");
    }

    private static StreamHealth health(UUID stream, UUID partner, String session, double keyframeSeconds) {
        return new StreamHealth(stream.toString(), partner.toString(), session, Instant.now(), "h264", "aac", 1280, 720,
                30.0, 3000, keyframeSeconds, keyframeSeconds > 4 ? List.of(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG) : List.of());
    }

    private static List<PushPreflight> preflights(String target) {
        return events(target, EventType.PUSH_PREFLIGHT);
    }
}
