package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.HealthWarning;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.ingest.Partners.TestStream;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge's hooks, called by a real nginx-rtmp for a real ffmpeg encoder, and called directly. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgeResource.class)
class EdgeHooksTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static TopicRecorder lifecycle;
    private static TopicRecorder health;

    @TestHTTPResource("/internal/edge/test-edge-secret")
    URL hooks;

    private Edge edge;
    private Encoder encoder;
    private final List<Encoder> others = new ArrayList<>();

    @BeforeAll
    static void record() {
        lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE);
        health = TopicRecorder.of(Topics.STREAM_HEALTH);
    }

    @AfterAll
    static void stopRecording() {
        lifecycle.close();
        health.close();
    }

    @AfterEach
    void stopMedia() {
        for (Encoder other : others) {
            other.kill();
        }
        others.clear();
        if (encoder != null) {
            encoder.kill();
        }
        if (edge != null) {
            edge.stop();
        }
    }

    @Test
    void publishingWithTheStreamKeyGoesLiveAndStoppingEndsTheSession() {
        TestStream stream = Partners.newPartnerStream("League", "Match 1", 0);
        String id = stream.id();
        String key = stream.key();
        startEdge();

        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, key)).size(320, 240).start();

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(id, 2, EVENTS);
        assertThat(types(events)).containsExactly(EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType());
        StreamStarted started = (StreamStarted) read(events.get(1));
        assertThat(started.sequence()).isEqualTo(2);
        Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, id), EVENTS, media -> media.isH264Aac(320, 240));
        assertThat(Probe.probe(edge.rtmpUrl(Edge.INGEST_APP, key)).tracks()).as("the key is no playable name").isEmpty();
        assertThat(stream.state()).isEqualTo("LIVE");

        encoder.stop();

        events = lifecycle.awaitRecords(id, 3, EVENTS);
        StreamEnded ended = (StreamEnded) read(events.get(2));
        assertThat(ended.sequence()).isEqualTo(3);
        assertThat(ended.sessionId()).isEqualTo(started.sessionId());
        assertThat(ended.reason()).isEqualTo(EndReason.RECONNECT_WINDOW_EXPIRED);
        assertThat(stream.state()).isEqualTo("ENDED");
    }

    @Test
    void aWrongKeyIsRefusedAndProducesNoEvent() {
        TestStream stream = Partners.newPartnerStream("Broadcaster", "Studio");
        startEdge();
        long startedBefore = countStarted();

        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key() + "x")).size(320, 240).start();
        encoder.awaitExit(EVENTS);

        // The outbox relays in order: once a later event is on the topic, an earlier one would be too.
        String marker = (String) Partners.newStream(stream.token(), "marker").get("id");
        lifecycle.awaitRecords(marker, 1, EVENTS);
        assertThat(countStarted()).isEqualTo(startedBefore);
        assertThat(stream.state()).isEqualTo("IDLE");
    }

    @Test
    void theHooksAnswerOnlyWithTheEdgeSecret() {
        TestStream stream = Partners.newPartnerStream("Club", "Training");

        given().queryParam("app", "live").queryParam("name", stream.key())
                .get("/internal/edge/wrong-secret/on_publish").then().statusCode(404);

        assertThat(stream.state()).isEqualTo("IDLE");
    }

    @Test
    void aSecondPublisherAndAStaleDoneChangeNothing() {
        TestStream stream = Partners.newPartnerStream("Esports", "Arena", 0);
        String key = stream.key();

        hook("on_publish", key, "1").then().statusCode(302).header("Location", stream.id());
        hook("on_publish", key, "2").then().statusCode(403).contentType("application/problem+json");
        hook("on_publish_done", key, "2").then().statusCode(204);
        assertThat(stream.state()).as("a done for the refused publisher leaves the live one alone").isEqualTo("LIVE");
        hook("on_publish", key, "1").then().statusCode(403);

        hook("on_publish_done", key, "1").then().statusCode(204);
        hook("on_publish_done", key, "1").then().statusCode(204);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 3, EVENTS);
        assertThat(types(events)).containsExactly(EventType.STREAM_CREATED.ceType(),
                EventType.STREAM_STARTED.ceType(), EventType.STREAM_ENDED.ceType());
        assertThat(stream.state()).isEqualTo("ENDED");
    }

    @Test
    void anEncoderBackInsideTheWindowResumesTheSameSession() {
        TestStream stream = Partners.newPartnerStream("Broadcaster", "Studio B", 60);
        given().auth().oauth2(stream.token()).contentType(ContentType.JSON)
                .body(Map.of("ladder", "PASSTHROUGH_ONLY", "record", true))
                .patch("/v1/streams/{id}", stream.id()).then().statusCode(200);
        hook("on_publish", stream.key(), "1").then().statusCode(302);

        hook("on_publish_done", stream.key(), "1").then().statusCode(204);
        assertThat(stream.state()).isEqualTo("INTERRUPTED");
        hook("on_publish", stream.key(), "2").then().statusCode(302).header("Location", stream.id());

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 4, EVENTS);
        assertThat(types(events)).containsExactly(EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType(),
                EventType.STREAM_INTERRUPTED.ceType(), EventType.STREAM_RESUMED.ceType());
        StreamStarted started = (StreamStarted) read(events.get(1));
        StreamInterrupted interrupted = (StreamInterrupted) read(events.get(2));
        StreamResumed resumed = (StreamResumed) read(events.get(3));
        assertThat(interrupted.sessionId()).isEqualTo(started.sessionId());
        assertThat(resumed.sessionId()).isEqualTo(started.sessionId());
        // transcode-service learns the stream's media settings from the session's events.
        assertThat(started.media()).isEqualTo(new StreamMedia(LadderSetting.PASSTHROUGH_ONLY, true));
        assertThat(resumed.media()).isEqualTo(started.media());
        assertThat(interrupted.reconnectDeadline()).isBetween(interrupted.occurredAt().plusSeconds(59),
                interrupted.occurredAt().plusSeconds(61));
        assertThat(stream.state()).isEqualTo("LIVE");

        hook("on_publish_done", stream.key(), "1").then().statusCode(204);
        assertThat(stream.state()).as("a done for the publisher that left changes nothing").isEqualTo("LIVE");
    }

    @Test
    void anEncoderThatStaysAwayEndsTheSessionWhenTheWindowCloses() {
        TestStream stream = Partners.newPartnerStream("Club", "Court 3", 1);
        hook("on_publish", stream.key(), "1").then().statusCode(302);
        hook("on_publish_done", stream.key(), "1").then().statusCode(204);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 4, EVENTS);

        assertThat(types(events)).containsExactly(EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType(),
                EventType.STREAM_INTERRUPTED.ceType(), EventType.STREAM_ENDED.ceType());
        StreamInterrupted interrupted = (StreamInterrupted) read(events.get(2));
        StreamEnded ended = (StreamEnded) read(events.get(3));
        assertThat(ended.reason()).isEqualTo(EndReason.RECONNECT_WINDOW_EXPIRED);
        assertThat(ended.sessionId()).isEqualTo(interrupted.sessionId());
        assertThat(ended.occurredAt()).isAfterOrEqualTo(interrupted.reconnectDeadline());
        assertThat(stream.state()).isEqualTo("ENDED");
        hook("on_publish", stream.key(), "2").then().statusCode(302);
        assertThat(types(lifecycle.awaitRecords(stream.id(), 5, EVENTS)).get(4))
                .as("after the window a publish starts a new session").isEqualTo(EventType.STREAM_STARTED.ceType());
    }

    @Test
    void anotherApplicationOrAMissingNameIsRefused() {
        TestStream stream = Partners.newPartnerStream("Venue", "Court 2");

        given().queryParam("app", "other").queryParam("name", stream.key())
                .get("/internal/edge/test-edge-secret/on_publish").then().statusCode(403);
        given().queryParam("app", "live").get("/internal/edge/test-edge-secret/on_publish").then().statusCode(403);
        given().get("/internal/edge/test-edge-secret/on_publish").then().statusCode(403);

        assertThat(stream.state()).isEqualTo("IDLE");
    }

    @Test
    void metricsCountPublishAttemptsByOutcomeSessionsAndHookLatency() {
        TestStream stream = Partners.newPartnerStream("Metrics FC", "Pitch", 0);
        double acceptedBefore = Metrics.value("fanout_ingest_publish_attempts_total{outcome=\"accept\"}");
        double unknownBefore = Metrics.value("fanout_ingest_publish_attempts_total{outcome=\"refuse_unknown_key\"}");
        double endedBefore = Metrics.value("fanout_ingest_sessions_ended_total{reason=\"RECONNECT_WINDOW_EXPIRED\"}");

        hook("on_publish", stream.key(), "1").then().statusCode(302);
        hook("on_publish", stream.key() + "x", "2").then().statusCode(403);
        hook("on_publish_done", stream.key(), "1").then().statusCode(204);

        assertThat(Metrics.value("fanout_ingest_publish_attempts_total{outcome=\"accept\"}")).isEqualTo(acceptedBefore + 1);
        assertThat(Metrics.value("fanout_ingest_publish_attempts_total{outcome=\"refuse_unknown_key\"}"))
                .isEqualTo(unknownBefore + 1);
        assertThat(Metrics.value("fanout_ingest_sessions_ended_total{reason=\"RECONNECT_WINDOW_EXPIRED\"}"))
                .isEqualTo(endedBefore + 1);
        assertThat(Metrics.value("fanout_ingest_hook_duration_seconds_count{hook=\"on_publish\"}")).isGreaterThanOrEqualTo(2);
        org.awaitility.Awaitility.await().atMost(EVENTS)
                .until(() -> Metrics.value("fanout_ingest_streams{state=\"ENDED\"}") >= 1);
    }

    @Test
    void aKeyResetWhileLiveDropsThePublisherWithinTwoSecondsAndOnlyTheNewKeyComesBack() {
        TestStream stream = Partners.newPartnerStream("Broadcaster", "Newsroom", 60);
        startEdge();
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();
        awaitPublishing(stream.id(), true, EVENTS);

        String newKey = given().auth().oauth2(stream.token()).post("/v1/streams/{id}/reset-stream-key", stream.id())
                .then().statusCode(200).extract().path("streamKey");

        awaitPublishing(stream.id(), false, Duration.ofSeconds(2));
        Encoder old = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();
        others.add(old);
        old.awaitExit(EVENTS);
        assertThat(stream.state()).as("the old key is refused").isEqualTo("INTERRUPTED");

        Encoder renewed = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, newKey)).size(320, 240).start();
        others.add(renewed);
        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 5, EVENTS);
        assertThat(types(events)).containsExactly(EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType(),
                EventType.STREAM_KEY_ROTATED.ceType(), EventType.STREAM_INTERRUPTED.ceType(),
                EventType.STREAM_RESUMED.ceType());
        Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, stream.id()), EVENTS, media -> media.isH264Aac(320, 240));
    }

    @Test
    void aPublisherWhoseNetworkVanishedIsEndedWithin20sAndTheKeyPublishesAgainAtOnce() {
        TestStream stream = Partners.newPartnerStream("Hardware Encoders Inc", "Field unit", 0);
        startEdge();
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();
        lifecycle.awaitRecords(stream.id(), 2, EVENTS);

        encoder.freeze();
        long frozenAt = System.nanoTime();

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 3, Duration.ofSeconds(20));
        Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertThat(types(events).get(2)).isEqualTo(EventType.STREAM_ENDED.ceType());
        assertThat(took).as("ended after %s", took).isLessThan(Duration.ofSeconds(20));

        Encoder again = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();
        others.add(again);
        assertThat(types(lifecycle.awaitRecords(stream.id(), 4, EVENTS)).get(3))
                .isEqualTo(EventType.STREAM_STARTED.ceType());
        Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, stream.id()), EVENTS, media -> media.isH264Aac(320, 240));
    }

    @Test
    void aSessionPastItsMaximumDurationIsEndedAndItsPublisherDropped() {
        TestStream stream = Partners.newPartnerStream("Long Matches", "Court 4", 60);
        given().auth().oauth2(stream.token()).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("maxDurationSeconds", 10)).patch("/v1/streams/{id}", stream.id())
                .then().statusCode(200);
        startEdge();
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 3, Duration.ofSeconds(30));

        assertThat(((StreamEnded) read(events.get(2))).reason()).isEqualTo(EndReason.MAX_DURATION_REACHED);
        encoder.awaitExit(EVENTS);
        awaitPublishing(stream.id(), false, EVENTS);
    }

    @Test
    void aLiveSessionTheEdgeDoesNotCarryIsTreatedAsALostEncoder() {
        TestStream stream = Partners.newPartnerStream("Lost Hooks", "Court 5", 0);
        startEdge();

        // The edge never saw this publish: as if its on_publish_done had been lost.
        hook("on_publish", stream.key(), "4242").then().statusCode(302);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 3, EVENTS);
        assertThat(((StreamEnded) read(events.get(2))).reason()).isEqualTo(EndReason.RECONNECT_WINDOW_EXPIRED);
    }

    @Test
    void completingALiveStreamDropsThePublisherAndTheSessionKeepsWhatTheEdgeMeasured() {
        TestStream stream = Partners.newPartnerStream("Stats League", "Court 6", 60);
        startEdge();
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).videoKbps(500).start();
        lifecycle.awaitRecords(stream.id(), 2, EVENTS);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> {
            var session = given().auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id())
                    .then().extract().jsonPath();
            return session.getLong("[0].bytesIn") > 100_000 && session.getLong("[0].peakBitrateKbps") > 100;
        });

        given().auth().oauth2(stream.token()).post("/v1/streams/{id}/complete", stream.id()).then().statusCode(200);

        awaitPublishing(stream.id(), false, Duration.ofSeconds(2));
        assertThat(((StreamEnded) read(lifecycle.awaitRecords(stream.id(), 3, EVENTS).get(2))).reason())
                .isEqualTo(EndReason.COMPLETED);
        var session = given().auth().oauth2(stream.token()).get("/v1/streams/{id}/sessions", stream.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(session.getString("[0].endReason")).isEqualTo("COMPLETED");
        assertThat(session.getLong("[0].peakBitrateKbps")).isGreaterThan(100);
    }

    @Test
    void healthIsMeasuredWhileLiveAndAWideKeyframeIntervalIsFlagged() {
        TestStream good = Partners.newPartnerStream("Health Co", "Good encoder", 0);
        TestStream sparse = Partners.newPartnerStream("Health Co", "Sparse keyframes", 0);
        startEdge();
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, good.key())).size(320, 240).fps(25).gopFrames(50).start();
        Encoder wide = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, sparse.key())).size(320, 240).fps(25).gopFrames(250)
                .start();
        others.add(wide);

        StreamHealth fine = (StreamHealth) read(health.awaitRecords(good.id(), 1, Duration.ofSeconds(40)).get(0));
        StreamHealth flagged = (StreamHealth) read(health.awaitRecords(sparse.id(), 1, Duration.ofSeconds(40)).get(0));

        assertThat(fine.videoCodec()).isEqualTo("h264");
        assertThat(fine.audioCodec()).isEqualTo("aac");
        assertThat(fine.width()).isEqualTo(320);
        assertThat(fine.height()).isEqualTo(240);
        assertThat(fine.fps()).isBetween(20.0, 30.0);
        assertThat(fine.bitrateKbps()).isPositive();
        assertThat(fine.keyframeIntervalSeconds()).isBetween(1.5, 2.5);
        assertThat(fine.warnings()).doesNotContain(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG);
        assertThat(flagged.keyframeIntervalSeconds()).isGreaterThan(4.0);
        assertThat(flagged.warnings()).contains(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG);
        assertThat(health.withKey(good.id()).get(0).header(CloudEvents.TYPE)).isEqualTo(EventType.STREAM_HEALTH.ceType());
    }

    /** Waits until the edge's statistics show (or no longer show) a publisher of {@code streamId}. */
    private void awaitPublishing(String streamId, boolean publishing, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> edge.isPublishing(streamId) == publishing);
    }

    private void startEdge() {
        edge = EdgeResource.startEdge(hooks.toString());
    }

    private static io.restassured.response.Response hook(String hook, String key, String clientId) {
        return Hooks.call(hook, key, clientId);
    }

    private static long countStarted() {
        return lifecycle.count(r -> EventType.STREAM_STARTED.ceType().equals(r.header(CloudEvents.TYPE)));
    }

    private static List<String> types(List<TopicRecorder.Recorded> events) {
        return events.stream().map(e -> e.header(CloudEvents.TYPE)).toList();
    }

    private static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
