package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.publish.service.ArmedPushes;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.Viewer;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pushes armed before their stream goes live, on real parts: the pushes of an idle stream already
 * run (real ffmpeg processes waiting at the edge's {@code armed} application), open nothing at the
 * destination until media flows, carry the encoder's very first keyframe, become the session's pushes
 * when {@code stream.started} arrives (no second process, no retry), and are armed again for the next
 * session once it ends. A target disabled while idle loses its armed push at once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class ArmedPushTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Frames the encoder sends, with a keyframe every {@link #GOP} frames. */
    private static final int FRAMES = 90;
    private static final int GOP = 60;

    @Inject
    ArmedPushes armed;

    @Test
    void anIdleStreamsPushWaitsArmedCarriesTheFirstKeyframeAndBecomesTheSessionsPush() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        Edge networks = EdgesResource.networks();
        String key = "armed-" + stream;
        String destination = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), key);
        announce(token, partner, stream, destination);
        String target = PublishTestSupport.targetOf(token, stream, destination);

        await().atMost(DEADLINE).until(() -> armed.isArmed(UUID.fromString(target)));
        assertThat(Metrics.value("fanout_publish_armed_pushes")).isGreaterThanOrEqualTo(1);
        FfmpegWatch pushes = FfmpegWatch.pushes(List.of(key));
        // A viewer of the destination waits there; the armed push has not connected to it.
        Viewer viewer = Viewer.of(networks.rtmpUrl("youtube", key), Duration.ofSeconds(4));
        await().atMost(DEADLINE).until(() -> networks.hasStream(key));
        assertThat(networks.isPublishing(key)).isFalse();

        // The encoder publishes before publish-service hears of the session: media reaches the destination anyway.
        Encoder encoder = Encoder.to(EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString())).size(320, 240)
                .gopFrames(GOP).frames(FRAMES).start();
        await().atMost(DEADLINE).until(() -> networks.isPublishing(key));
        assertThat(types(target)).isEmpty();

        UUID session = UUID.randomUUID();
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_BROADCASTING.ceType()));
        // The armed push is the session's push: broadcasting at once, no retry, no second process.
        assertThat(types(target)).containsExactly(EventType.PUSH_STARTING.ceType(), EventType.PUSH_BROADCASTING.ceType());
        assertThat(armed.isArmed(UUID.fromString(target))).isFalse();

        encoder.awaitExit(DEADLINE);
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_STOPPED.ceType()));
        pushes.close();
        assertThat(pushes.mostAtOnce()).as("push processes at once").containsExactly(Map.entry(key, 1));
        // A push that joined after the first keyframe could carry at most the frames from the second one on.
        assertThat(viewer.awaitEnd(DEADLINE).videoFrames()).as("video frames at the destination")
                .isGreaterThan(FRAMES - GOP);

        // Armed again for the next session: a new process waits.
        await().atMost(DEADLINE).until(() -> armed.isArmed(UUID.fromString(target)));
    }

    /**
     * ingest-service ends a stream while the edge still carries its publisher (dropping it failed):
     * the push armed again reads that media, which no session claims, and stops within the claim
     * timeout instead of broadcasting an ended stream.
     */
    @Test
    void mediaNoSessionClaimsStopsWithinTheClaimTimeout() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        Edge networks = EdgesResource.networks();
        String key = "armed-zombie-" + stream;
        String destination = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), key);
        announce(token, partner, stream, destination);
        UUID target = UUID.fromString(PublishTestSupport.targetOf(token, stream, destination));
        await().atMost(DEADLINE).until(() -> armed.isArmed(target));
        Encoder encoder = Encoder.to(EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString())).size(320, 240)
                .start();
        try {
            UUID session = UUID.randomUUID();
            ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));
            await().atMost(DEADLINE).until(() -> types(target.toString()).contains(EventType.PUSH_BROADCASTING.ceType()));

            ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                    EndReason.DISABLED));
            await().atMost(DEADLINE).until(() -> types(target.toString()).contains(EventType.PUSH_STOPPED.ceType()));
            // Armed again after the session's push stopped, it sends what the edge still carries...
            await().atMost(DEADLINE).until(() -> armed.isArmed(target));
            await().atMost(DEADLINE).until(() -> networks.isPublishing(key));
            Instant flowing = Instant.now();
            // ...until the claim timeout, then it stops and waits out the back-off.
            await().atMost(DEADLINE).until(() -> !networks.isPublishing(key) && !armed.isArmed(target));
            assertThat(Duration.between(flowing, Instant.now())).isLessThan(ArmedPushes.CLAIM_TIMEOUT.plusSeconds(5));
            assertThat(networks.isPublishing(key)).as("still nothing sent a while later").isFalse();
        } finally {
            encoder.kill();
        }
    }

    @Test
    void aTargetDisabledWhileIdleLosesItsArmedPushAndEnablingArmsItAgain() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        String destination = PublishTestSupport.createDestination(token, "rtmp", EdgesResource.networks().rtmpUrl("twitch"),
                "armed-toggle-" + stream);
        announce(token, partner, stream, destination);
        UUID target = UUID.fromString(PublishTestSupport.targetOf(token, stream, destination));
        await().atMost(DEADLINE).until(() -> armed.isArmed(target));

        setEnabled(token, stream, target, false);
        assertThat(armed.isArmed(target)).isFalse();
        setEnabled(token, stream, target, true);
        assertThat(armed.isArmed(target)).isTrue();

        given().auth().oauth2(token).delete("/v1/streams/{id}/targets/{target}", stream, target).then().statusCode(204);
        assertThat(armed.isArmed(target)).isFalse();
    }

    private static void announce(String token, UUID partner, UUID stream, String destination) {
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Armed", 0, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
    }

    private static void setEnabled(String token, UUID stream, UUID target, boolean enabled) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("enabled", enabled))
                .patch("/v1/streams/{id}/targets/{target}", stream, target).then().statusCode(200);
    }

}
