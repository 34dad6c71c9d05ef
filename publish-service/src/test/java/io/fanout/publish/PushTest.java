package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.push.StopReason;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulcast path on real parts: stream-lifecycle events on a real broker, a real ffmpeg encoder
 * publishing to a real nginx-rtmp edge, pushes as real ffmpeg processes to a second nginx-rtmp
 * standing in for YouTube and Twitch, checked with ffprobe; push-status read back from Kafka.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class PushTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static TopicRecorder deadLetters;

    private Encoder encoder;

    @BeforeAll
    static void connect() {
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.STREAM_LIFECYCLE));
    }

    @AfterAll
    static void disconnect() {
        deadLetters.close();
    }

    @AfterEach
    void stopEncoder() {
        if (encoder != null) {
            encoder.kill();
        }
    }

    @Test
    void aLiveStreamReachesEveryTargetAndItsPushesStopWhenItEnds() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Edge networks = EdgesResource.networks();
        String youtube = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "yt-secret-1");
        String twitch = PublishTestSupport.createDestination(token, "twitch", networks.rtmpUrl("twitch"), "tw-secret-1");
        double goLivesBefore = Metrics.value("fanout_publish_go_live_seconds_count{network=\"twitch\"}");
        double sentBefore = Metrics.value("fanout_publish_sent_bytes_total{network=\"twitch\"}");

        announceWithTarget(token, partner, stream, "Final", youtube);
        assertThat(PublishTestSupport.tryCreateTarget(token, stream, twitch)).isEqualTo(201);
        encoder = Encoder.to(EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString())).size(320, 240).start();
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));

        Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-secret-1"), DEADLINE, media -> media.isH264Aac(320, 240));
        Probe.awaitMedia(networks.rtmpUrl("twitch", "tw-secret-1"), DEADLINE, media -> media.isH264Aac(320, 240));
        List<String> targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream)
                .then().statusCode(200).extract().path("id");
        for (String target : targets) {
            // A push may start a moment before the encoder's publish is up and retry once: that is fine.
            await().atMost(DEADLINE)
                    .until(() -> types(pushStatus.withKey(target)).contains(EventType.PUSH_BROADCASTING.ceType()));
            assertThat(types(pushStatus.withKey(target))).first().isEqualTo(EventType.PUSH_STARTING.ceType());
        }
        assertThat(Metrics.value("fanout_publish_go_live_seconds_count{network=\"twitch\"}")).isEqualTo(goLivesBefore + 1);
        assertThat(Metrics.value("fanout_publish_go_live_seconds_max{network=\"twitch\"}")).isBetween(0.01, 30.0);
        await().atMost(DEADLINE).until(() -> Metrics.value("fanout_publish_sent_bytes_total{network=\"twitch\"}")
                > sentBefore + 10_000);
        await().atMost(DEADLINE).until(() -> Metrics.value("fanout_publish_pushes{network=\"twitch\",state=\"BROADCASTING\"}")
                >= 1);

        // The encoder leaves, then ingest-service ends the stream (its window is over).
        encoder.stop();
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                EndReason.COMPLETED));

        for (String target : targets) {
            await().atMost(DEADLINE).until(() -> types(pushStatus.withKey(target)).contains(EventType.PUSH_STOPPED.ceType()));
        }
        Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-secret-1"), DEADLINE, media -> media.tracks().isEmpty());
    }

    @Test
    void replayedAndStaleStartsChangeNothing() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String destination = PublishTestSupport.createDestination(token, "rtmp",
                EdgesResource.networks().rtmpUrl("youtube"), "yt-secret-2");
        announceWithTarget(token, partner, stream, "Semi", destination);
        String target = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream)
                .then().extract().path("id[0]");
        StreamStarted started = new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString());

        ingest.send(started);
        ingest.send(started);
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                EndReason.COMPLETED));
        ingest.send(started);
        // A newer session as a marker: the stream's events are consumed in order, so anything the
        // replays caused would be on push-status before the marker session's push.starting.
        UUID marker = UUID.randomUUID();
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 4, Instant.now(), marker.toString()));

        TopicRecorder.Recorded markerStart = pushStatus.awaitRecord(r -> target.equals(r.key())
                && r.valueAsString().contains(marker.toString()), DEADLINE);
        List<TopicRecorder.Recorded> before = pushStatus.withKey(target).stream()
                .filter(r -> r.offset() < markerStart.offset()).toList();
        // No encoder feeds this stream, so the push may be retrying meanwhile; starts and stops are what count.
        assertThat(types(before)).filteredOn(t -> !t.equals(EventType.PUSH_RETRYING.ceType()))
                .containsExactly(EventType.PUSH_STARTING.ceType(), EventType.PUSH_STOPPED.ceType());
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 5, Instant.now(), marker.toString(),
                EndReason.COMPLETED));
    }

    @Test
    void aPoisonedRecordIsParkedOnTheDeadLetterTopicAndTheConsumerGoesOn() {
        String poisoned = UUID.randomUUID().toString();
        ingest.sendAs(Topics.STREAM_LIFECYCLE, poisoned, EventType.STREAM_STARTED.ceType(),
                "{not json".getBytes(StandardCharsets.UTF_8));
        Map<String, String> untyped = new HashMap<>(CloudEvents.headers(EventType.STREAM_STARTED.ceType(),
                UUID.randomUUID().toString(), "/fanout/ingest-service", poisoned, Instant.now()));
        untyped.remove(CloudEvents.TYPE);
        ingest.sendRaw(Topics.STREAM_LIFECYCLE, poisoned, untyped, "{}".getBytes(StandardCharsets.UTF_8));

        List<TopicRecorder.Recorded> parked = deadLetters.awaitRecords(poisoned, 2, DEADLINE);
        assertThat(parked.get(0).valueAsString()).isEqualTo("{not json");
        assertThat(parked.get(0).header("dead-letter-reason")).contains(EventType.STREAM_STARTED.ceType());
        assertThat(parked.get(1).header("dead-letter-reason")).contains(CloudEvents.TYPE);

        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        String destination = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "k");
        announceWithTarget(token, partner, stream, "After", destination);
    }

    @Test
    void aTargetAddedAndAnotherDisabledWhileLiveLeaveTheOthersAlone() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Edge networks = EdgesResource.networks();
        String first = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "yt-live-3");
        String second = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "yt-live-4");
        String added = PublishTestSupport.createDestination(token, "twitch", networks.rtmpUrl("twitch"), "tw-live-3");
        announceWithTarget(token, partner, stream, "Live changes", first);
        assertThat(PublishTestSupport.tryCreateTarget(token, stream, second)).isEqualTo(201);
        List<String> targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream)
                .then().extract().path("id");
        encoder = Encoder.to(EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString())).size(320, 240).start();
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));
        for (String target : targets) {
            await().atMost(DEADLINE)
                    .until(() -> types(pushStatus.withKey(target)).contains(EventType.PUSH_BROADCASTING.ceType()));
        }
        int keptBefore = pushStatus.withKey(targets.get(1)).size();

        String third = given().auth().oauth2(token).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("destinationId", added)).post("/v1/streams/{id}/targets", stream)
                .then().statusCode(201).extract().path("id");
        Probe.awaitMedia(networks.rtmpUrl("twitch", "tw-live-3"), DEADLINE, media -> media.isH264Aac(320, 240));
        await().atMost(DEADLINE).until(() -> types(pushStatus.withKey(third)).contains(EventType.PUSH_BROADCASTING.ceType()));

        given().auth().oauth2(token).contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", false))
                .patch("/v1/streams/{id}/targets/{target}", stream, targets.get(0))
                .then().statusCode(200).body("enabled", org.hamcrest.Matchers.is(false));
        await().atMost(DEADLINE).until(() -> types(pushStatus.withKey(targets.get(0))).contains(EventType.PUSH_STOPPED.ceType()));
        Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-live-3"), DEADLINE, media -> media.tracks().isEmpty());

        assertThat(((PushStopped) read(last(pushStatus.withKey(targets.get(0))))).reason())
                .isEqualTo(StopReason.TARGET_DISABLED);
        assertThat(pushStatus.withKey(targets.get(1))).as("the target left alone had no new event").hasSize(keptBefore);
        assertThat(Probe.probe(networks.rtmpUrl("youtube", "yt-live-4")).isH264Aac(320, 240)).isTrue();
        assertThat(Probe.probe(networks.rtmpUrl("twitch", "tw-live-3")).isH264Aac(320, 240)).isTrue();

        given().auth().oauth2(token).contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", true))
                .patch("/v1/streams/{id}/targets/{target}", stream, targets.get(0)).then().statusCode(200);
        Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-live-3"), DEADLINE, media -> media.isH264Aac(320, 240));
        given().auth().oauth2(token).delete("/v1/streams/{id}/targets/{target}", stream, third).then().statusCode(204);
        Probe.awaitMedia(networks.rtmpUrl("twitch", "tw-live-3"), DEADLINE, media -> media.tracks().isEmpty());
        assertThat(((PushStopped) read(last(pushStatus.withKey(third)))).reason()).isEqualTo(StopReason.TARGET_REMOVED);
        given().auth().oauth2(TokenKeys.shared().partnerToken(UUID.randomUUID()))
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("enabled", false))
                .patch("/v1/streams/{id}/targets/{target}", stream, targets.get(1)).then().statusCode(404);
    }

    /**
     * Sends the stream's {@code stream.created} as ingest-service would and adds its first target as
     * soon as publish-service knows the stream (404 until the event is consumed).
     */
    private static void announceWithTarget(String token, UUID partner, UUID stream, String name, String destination) {
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), name, 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
    }

    private static TopicRecorder.Recorded last(List<TopicRecorder.Recorded> records) {
        return records.get(records.size() - 1);
    }

    @Test
    void aPushThatKeepsBreakingIsExhaustedAfterThePolicyAndRetryNowTriesAgain() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        // Nothing listens on port 1: every attempt breaks as soon as it has media to send (the test
        // policy allows 3 attempts).
        String destination = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "k-dead");
        announceWithTarget(token, partner, stream, "Dead end", destination);
        String target = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream)
                .then().extract().path("id[0]");
        given().auth().oauth2(token).post("/v1/streams/{id}/targets/{target}/retry", stream, target)
                .then().statusCode(409).contentType("application/problem+json");
        double retriesBefore = Metrics.value("fanout_publish_retries_total{network=\"rtmp\"}");
        double exhaustionsBefore = Metrics.value("fanout_publish_exhaustions_total{network=\"rtmp\"}");

        encoder = Encoder.to(EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString())).size(320, 240).start();
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));

        await().atMost(DEADLINE).until(() -> types(pushStatus.withKey(target)).contains(EventType.PUSH_EXHAUSTED.ceType()));
        List<TopicRecorder.Recorded> events = pushStatus.withKey(target);
        assertThat(types(events)).containsExactly(EventType.PUSH_STARTING.ceType(), EventType.PUSH_RETRYING.ceType(),
                EventType.PUSH_RETRYING.ceType(), EventType.PUSH_EXHAUSTED.ceType());
        PushRetrying second = (PushRetrying) read(events.get(1));
        PushRetrying third = (PushRetrying) read(events.get(2));
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(Duration.between(third.occurredAt(), third.nextTryAt()))
                .as("the second wait doubles the first (1 s), within the jitter")
                .isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        assertThat(((PushExhausted) read(events.get(3))).attempts()).isEqualTo(3);
        assertThat(Metrics.value("fanout_publish_retries_total{network=\"rtmp\"}")).isGreaterThanOrEqualTo(retriesBefore + 2);
        assertThat(Metrics.value("fanout_publish_exhaustions_total{network=\"rtmp\"}"))
                .isGreaterThanOrEqualTo(exhaustionsBefore + 1);

        given().auth().oauth2(token).post("/v1/streams/{id}/targets/{target}/retry", stream, target)
                .then().statusCode(202).body("attempt", org.hamcrest.Matchers.is(4));

        await().atMost(DEADLINE).until(() -> pushStatus.withKey(target).size() >= 6);
        events = pushStatus.withKey(target);
        assertThat(types(events).subList(4, 6)).containsExactly(EventType.PUSH_RETRYING.ceType(),
                EventType.PUSH_EXHAUSTED.ceType());
        assertThat(((PushRetrying) read(events.get(4))).reason()).isEqualTo("retry requested");
        given().auth().oauth2(TokenKeys.shared().partnerToken(UUID.randomUUID()))
                .post("/v1/streams/{id}/targets/{target}/retry", stream, target).then().statusCode(404);
    }

}
