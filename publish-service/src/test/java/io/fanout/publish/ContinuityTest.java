package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.GapWatch;
import io.fanout.testkit.Probe;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Continuity on real parts: while a stream is interrupted (its encoder gone, the reconnect window
 * open) every destination keeps receiving media, the slate, and no push is stopped; when the
 * encoder is back the live picture returns to the same destinations.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class ContinuityTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(ContinuityTest.class);



    @Test
    void anEncoderGoneFor10SecondsInsideTheWindowKeepsEveryDestinationOnTheSlateAndTheLivePictureReturns() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        Edge networks = EdgesResource.networks();
        String key = "yt-continuity-" + stream;
        String destination = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), key);
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Rain delay", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
        String target = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream).then().extract().path("id[0]");
        String source = EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString());
        String atDestination = networks.rtmpUrl("youtube", key);

        Encoder encoder = Encoder.to(source).size(320, 240).start();
        GapWatch gaps = null;
        try {
            Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
            ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));
            Probe.awaitMedia(atDestination, DEADLINE, media -> media.isH264Aac(320, 240));

            gaps = new GapWatch(networks, key);
            encoder.kill();
            Instant dropped = Instant.now();
            ingest.send(new StreamInterrupted(stream.toString(), partner.toString(), 3, dropped, session,
                    dropped.plusSeconds(60)));
            Probe.awaitMedia(atDestination, DEADLINE, media -> media.isH264Aac(1280, 720));
            // The slate stays on air for as long as the encoder is away (10 s from the drop).
            await().during(Duration.between(Instant.now(), dropped.plusSeconds(10))).atMost(Duration.ofSeconds(20))
                    .until(() -> networks.isPublishing(key));
            assertThat(Probe.probe(atDestination).isH264Aac(1280, 720)).as("the slate, 10 s after the drop").isTrue();
            assertThat(PublishTestSupport.reading(token, stream, target)).isEqualTo("slate");

            encoder = Encoder.to(source).size(320, 240).start();
            Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
            ingest.send(new StreamResumed(stream.toString(), partner.toString(), 4, Instant.now(), session));
            Probe.awaitMedia(atDestination, DEADLINE, media -> media.isH264Aac(320, 240));
            gaps.stop();

            LOG.infof("longest time the destination had no publisher: %d ms", gaps.longestMillis());
            assertThat(gaps.longestMillis()).as("longest time the destination had no publisher (ms)")
                    .isLessThan(5_000);
            assertThat(types(target)).as("the push was never stopped, exhausted or failed")
                    .doesNotContain(EventType.PUSH_STOPPED.ceType(), EventType.PUSH_EXHAUSTED.ceType(),
                            EventType.PUSH_FAILED.ceType());
        } finally {
            if (gaps != null) {
                gaps.stop();
            }
            encoder.kill();
            ingest.send(new StreamEnded(stream.toString(), partner.toString(), 5, Instant.now(), session,
                    EndReason.COMPLETED));
        }
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_STOPPED.ceType()));
    }
}
