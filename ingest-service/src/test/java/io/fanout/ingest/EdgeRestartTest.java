package io.fanout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.ingest.Partners.TestStream;
import io.fanout.ingest.domain.IngestHealth;
import io.fanout.ingest.edge.EdgeClient;
import io.fanout.ingest.edge.EdgeClient.EdgeStream;
import io.fanout.ingest.edge.EdgeProbe;
import io.fanout.ingest.service.EdgeReconciler;
import io.fanout.ingest.service.HealthMonitor;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The edge killed and restarted under a live stream: nginx-rtmp never says the publisher left, so
 * the service still believes the stream live when the encoder comes back. The reconnecting encoder
 * is its encoder back, taken at its first attempt because the edge does not carry the stream,
 * without waiting for the reconciliation (paused here, so that only the publish can notice). A
 * health sample the restart cut short describes no stream and is not reported.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgeResource.class)
class EdgeRestartTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);
    /** Two polls of the edge in tests (1 s each): the grace after a publish. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TestHTTPResource("/internal/edge/test-edge-secret")
    URL hooks;

    @Inject
    Scheduler scheduler;

    @Inject
    EdgeProbe probe;

    @Inject
    EdgeClient edgeClient;

    @Test
    void anEncoderBackAfterTheEdgeRestartedResumesItsSessionAtItsFirstAttempt() {
        TestStream stream = Partners.newPartnerStream("Restarted Edge FC", "Court 7", 60);
        Edge edge = EdgeResource.startEdge(hooks.toString());
        Encoder encoder = null;
        try (TopicRecorder lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE)) {
            scheduler.pause(EdgeReconciler.JOB);
            encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();
            lifecycle.awaitRecords(stream.id(), 2, EVENTS);
            Instant live = Instant.now();
            await("live past the grace").atMost(EVENTS).until(() -> Instant.now().isAfter(live.plus(GRACE)));

            edge.kill();
            encoder.awaitExit(EVENTS);
            edge = EdgeResource.startEdge(hooks.toString());
            encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();

            Edge restarted = edge;
            await("the encoder back on the restarted edge").atMost(Duration.ofSeconds(10))
                    .until(() -> restarted.isPublishing(stream.id()));
            assertThat(encoder.isRunning()).as("accepted at its first attempt").isTrue();
            List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(stream.id(), 4, EVENTS);
            assertThat(events.stream().map(e -> e.header(CloudEvents.TYPE)).toList()).containsExactly(
                    EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType(),
                    EventType.STREAM_INTERRUPTED.ceType(), EventType.STREAM_RESUMED.ceType());
            assertThat(stream.state()).isEqualTo("LIVE");
        } finally {
            scheduler.resume(EdgeReconciler.JOB);
            if (encoder != null) {
                encoder.kill();
            }
            edge.stop();
        }
    }

    @Test
    void aHealthSampleTheRestartCutShortIsNotReported() throws Exception {
        TestStream stream = Partners.newPartnerStream("Restarted Edge FC", "Court 8", 60);
        Edge edge = EdgeResource.startEdge(hooks.toString());
        Encoder encoder = null;
        try (TopicRecorder lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE)) {
            scheduler.pause(HealthMonitor.JOB);
            // Keyframes 10 s apart: the sample holds audio only until the edge is killed.
            encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).fps(25).gopFrames(250)
                    .start();
            lifecycle.awaitRecords(stream.id(), 2, EVENTS);
            Instant live = Instant.now();
            await("live past the grace").atMost(EVENTS).until(() -> Instant.now().isAfter(live.plus(GRACE)));
            EdgeStream before = edgeClient.publishing(stream.id()).orElseThrow();
            CompletableFuture<Optional<IngestHealth>> sample = CompletableFuture.supplyAsync(() -> probe.measure(before));
            Edge reading = edge;
            await("the probe reading the stream").atMost(EVENTS).until(() -> reading.readers(stream.id()) == 1);

            edge.kill();
            encoder.awaitExit(EVENTS);
            edge = EdgeResource.startEdge(hooks.toString());
            encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, stream.key())).size(320, 240).start();

            assertThat(sample.get(EVENTS.toSeconds(), TimeUnit.SECONDS)).as("the sample cut by the restart").isEmpty();
            Edge restarted = edge;
            await("the encoder back on the restarted edge").atMost(Duration.ofSeconds(10))
                    .until(() -> restarted.isPublishing(stream.id()));
            IngestHealth whole = probe.measure(edgeClient.publishing(stream.id()).orElseThrow()).orElseThrow();
            assertThat(whole.videoCodec()).as("a whole sample of the encoder back").isEqualTo("h264");
        } finally {
            scheduler.resume(HealthMonitor.JOB);
            if (encoder != null) {
                encoder.kill();
            }
            edge.stop();
        }
    }
}
