package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.GapWatch;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rendition relays on real parts: a destination that takes at most 240 lines gets the live 640x360
 * picture until the picture is measured, then a 320x240 relay once transcode-service announces one
 * ({@code rendition.ready}), and the live picture again when the ladder breaks. Meanwhile it is told
 * why ({@code push.preflight}, {@code PICTURE_SIZE}), and a destination without a limit is never touched.
 * The relay is published to the edge's {@code hls} application as transcode-service would. A change
 * that another instance consumed reaches the stream's owner through its reconciliation.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class RenditionRelayTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(RenditionRelayTest.class);

    private static EventPublisher transcode;

    @Inject
    AgroalDataSource dataSource;
    private static TopicRecorder deadLetters;

    @BeforeAll
    static void connect() {
        transcode = EventPublisher.as("/fanout/transcode-service");
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.RENDITIONS));
    }

    @AfterAll
    static void disconnect() {
        transcode.close();
        deadLetters.close();
    }

    @Test
    void aDestinationThatTakesFewerLinesReadsARenditionWhileTheOthersAreLeftAlone() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        Edge networks = EdgesResource.networks();
        Edge edge = EdgesResource.source();
        String smallKey = "small-" + stream;
        String fullKey = "full-" + stream;
        String small = destinationOf240Lines(token, networks, smallKey);
        String full = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("twitch"), fullKey);
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Final", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, small) == 201);
        assertThat(PublishTestSupport.tryCreateTarget(token, stream, full)).isEqualTo(201);
        String smallTarget = PublishTestSupport.targetOf(token, stream, small);
        String fullTarget = PublishTestSupport.targetOf(token, stream, full);
        String live = edge.rtmpUrl(Edge.INGEST_APP, stream.toString());
        String relay = edge.rtmpUrl(Edge.HLS_APP, stream + "_240p");
        String atSmall = networks.rtmpUrl("youtube", smallKey);
        String atFull = networks.rtmpUrl("twitch", fullKey);

        Encoder encoder = Encoder.to(live).size(640, 360).start();
        Encoder rendition = Encoder.to(relay).size(320, 240).start();
        GapWatch fullGaps = null;
        try {
            Probe.awaitMedia(live, DEADLINE, media -> media.isH264Aac(640, 360));
            Probe.awaitMedia(relay, DEADLINE, media -> media.isH264Aac(320, 240));
            ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));
            Probe.awaitMedia(atSmall, DEADLINE, media -> media.isH264Aac(640, 360));
            Probe.awaitMedia(atFull, DEADLINE, media -> media.isH264Aac(640, 360));
            await().atMost(DEADLINE).until(() -> types(fullTarget).contains(EventType.PUSH_BROADCASTING.ceType()));
            assertThat(PublishTestSupport.reading(token, stream, smallTarget)).isEqualTo("live");
            fullGaps = new GapWatch(networks, fullKey);
            int fullEvents = pushStatus.withKey(fullTarget).size();

            // Measured too tall, and no rendition yet: the live picture goes on, and the target is told.
            ingest.send(health(stream, partner, session));
            await().atMost(DEADLINE).until(() -> preflights(smallTarget).size() == 1);
            assertThat(preflights(smallTarget).get(0).violations()).singleElement().satisfies(v -> {
                assertThat(v.check()).isEqualTo(PreflightCheck.PICTURE_SIZE);
                assertThat(v.detail()).isEqualTo(
                        "picture 640x360; the destination takes at most 240 lines and no rendition that fits is ready");
            });

            // A record that is not an event, and a relay that is not an RTMP URL, are parked; the
            // consumer goes on to the renditions after them.
            transcode.sendAs(Topics.RENDITIONS, stream.toString(), EventType.RENDITION_READY.ceType(),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            transcode.send(new RenditionReady(stream.toString(), partner.toString(), session, Instant.now(),
                    new Rung("144p", 256, 144, 200, 64), "file:///etc/passwd"));
            transcode.send(new RenditionReady(stream.toString(), partner.toString(), session, Instant.now(),
                    new Rung("480p", 854, 480, 1500, 96), edge.rtmpUrl(Edge.HLS_APP, stream + "_480p")));
            transcode.send(new RenditionReady(stream.toString(), partner.toString(), session, Instant.now(),
                    new Rung("240p", 320, 240, 400, 64), relay));
            // Longer: run first in its JVM, this test meets the consumer group's first rebalance here.
            assertThat(deadLetters.awaitRecords(stream.toString(), 2, DEADLINE.multipliedBy(2)).get(1)
                    .header("dead-letter-reason"))
                    .contains("relayUrl");
            Probe.awaitMedia(atSmall, DEADLINE, media -> media.isH264Aac(320, 240));
            await().atMost(DEADLINE).until(() -> preflights(smallTarget).size() == 2);
            assertThat(preflights(smallTarget).get(1).violations()).as("a rendition that fits is on air").isEmpty();
            assertThat(PublishTestSupport.reading(token, stream, smallTarget)).isEqualTo("rendition 240p");
            assertThat(PublishTestSupport.reading(token, stream, fullTarget)).isEqualTo("live");

            // The ladder broke: back to the live picture, with the violation.
            transcode.send(new LadderFailed(stream.toString(), partner.toString(), session, Instant.now(), "test"));
            Probe.awaitMedia(atSmall, DEADLINE, media -> media.isH264Aac(640, 360));
            await().atMost(DEADLINE).until(() -> preflights(smallTarget).size() == 3);
            assertThat(preflights(smallTarget).get(2).violations()).extracting(v -> v.check())
                    .containsExactly(PreflightCheck.PICTURE_SIZE);
            assertThat(PublishTestSupport.reading(token, stream, smallTarget)).isEqualTo("live");

            fullGaps.stop();
            LOG.infof("longest time the unlimited destination had no publisher: %d ms", fullGaps.longestMillis());
            assertThat(fullGaps.longestMillis()).as("the destination without a limit never lost its publisher").isZero();
            assertThat(pushStatus.withKey(fullTarget)).as("nor got any new push event").hasSize(fullEvents);
            assertThat(Probe.probe(atFull).isH264Aac(640, 360)).isTrue();
            assertThat(types(smallTarget)).as("switching is not a failure")
                    .doesNotContain(EventType.PUSH_RETRYING.ceType(), EventType.PUSH_STOPPED.ceType());
        } finally {
            if (fullGaps != null) {
                fullGaps.stop();
            }
            encoder.kill();
            rendition.kill();
            ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session,
                    EndReason.COMPLETED));
        }
    }

    @Test
    void aChangeAnotherInstanceConsumedIsPickedUpByTheOwnersReconciliation() throws Exception {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Edge networks = EdgesResource.networks();
        Edge edge = EdgesResource.source();
        String key = "elsewhere-" + stream;
        String destination = destinationOf240Lines(token, networks, key);
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Elsewhere", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
        String live = edge.rtmpUrl(Edge.INGEST_APP, stream.toString());
        String relay = edge.rtmpUrl(Edge.HLS_APP, stream + "_240p");
        String atDestination = networks.rtmpUrl("youtube", key);
        Encoder encoder = Encoder.to(live).size(640, 360).start();
        Encoder rendition = Encoder.to(relay).size(320, 240).start();
        try {
            Probe.awaitMedia(relay, DEADLINE, media -> media.isH264Aac(320, 240));
            ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString()));
            Probe.awaitMedia(atDestination, DEADLINE, media -> media.isH264Aac(640, 360));

            // What another instance stores when it consumes the measurement and the rendition; no event
            // reaches this one, which owns the stream and runs its push.
            try (Connection c = dataSource.getConnection(); PreparedStatement picture = c.prepareStatement(
                    "UPDATE stream SET source_width = 640, source_height = 360, sources_version = sources_version + 1 "
                            + "WHERE id = ?");
                    PreparedStatement ready = c.prepareStatement("INSERT INTO rendition (stream_id, session_id, rung, "
                            + "width, height, relay_url, ready_at) VALUES (?, ?, '240p', 320, 240, ?, now())")) {
                picture.setObject(1, stream);
                assertThat(picture.executeUpdate()).isEqualTo(1);
                ready.setObject(1, stream);
                ready.setObject(2, session);
                ready.setString(3, relay);
                ready.executeUpdate();
            }
            Probe.awaitMedia(atDestination, DEADLINE, media -> media.isH264Aac(320, 240));
        } finally {
            encoder.kill();
            rendition.kill();
            ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                    EndReason.COMPLETED));
        }
    }

    /** An RTMP destination on the networks' stand-in that takes at most 240 lines. */
    private static String destinationOf240Lines(String token, Edge networks, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "regional TV", "network", "rtmp", "ingestUrl", networks.rtmpUrl("youtube"),
                        "streamKey", key, "maxVideoHeight", 240))
                .post("/v1/destinations").then().statusCode(201).extract().path("id");
    }

    private static StreamHealth health(UUID stream, UUID partner, String session) {
        return new StreamHealth(stream.toString(), partner.toString(), session, Instant.now(), "h264", "aac", 640, 360,
                30.0, 1000, 2.0, List.of());
    }

    private static List<PushPreflight> preflights(String target) {
        return events(target, EventType.PUSH_PREFLIGHT);
    }
}
