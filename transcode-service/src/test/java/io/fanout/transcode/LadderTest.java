package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.testkit.Edge;
import io.fanout.testkit.Encoder;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A live stream on a real edge becomes a real HLS rendition, announced on {@code renditions}. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class LadderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static TopicRecorder renditions;
    private static TopicRecorder deadLetters;
    private static EventPublisher ingest;

    @BeforeAll
    static void connect() {
        renditions = TopicRecorder.of(Topics.RENDITIONS);
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.STREAM_LIFECYCLE));
        ingest = EventPublisher.as("/fanout/ingest-service");
    }

    @AfterAll
    static void disconnect() {
        renditions.close();
        deadLetters.close();
        ingest.close();
    }

    @Test
    void aStartedSessionGetsAnHlsRenditionAndLosesItWhenItEnds() {
        String stream = UUID.randomUUID().toString();
        String partner = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String source = EdgeResource.edge().rtmpUrl(Edge.INGEST_APP, stream);
        Encoder encoder = Encoder.to(source).size(1280, 720).start();
        try {
            // ingest-service announces a session once the encoder publishes (on_publish): so does the test.
            Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(1280, 720));
            ingest.send(new StreamStarted(stream, partner, 2, Instant.now(), session));

            List<TopicRecorder.Recorded> events = renditions.awaitRecords(stream, 2, DEADLINE);
            LadderStarted started = (LadderStarted) read(events.get(0));
            RenditionReady ready = (RenditionReady) read(events.get(1));
            assertThat(started.rungs()).extracting(r -> r.name()).containsExactly("360p");
            assertThat(ready.relayUrl()).endsWith("/hls/" + stream + "_360p");
            Probe.awaitMedia(started.playerUrl(), DEADLINE, media -> media.isH264Aac(640, 360));
            Probe.awaitMedia(ready.relayUrl(), DEADLINE, media -> media.isH264Aac(640, 360));

            ingest.send(new StreamEnded(stream, partner, 3, Instant.now(), session, EndReason.COMPLETED));

            assertThat(renditions.awaitRecords(stream, 3, DEADLINE).get(2).header(CloudEvents.TYPE))
                    .isEqualTo(EventType.LADDER_STOPPED.ceType());
        } finally {
            encoder.kill();
        }
    }

    @Test
    void aPoisonedRecordIsParkedAndTheConsumerGoesOn() {
        String poisoned = UUID.randomUUID().toString();
        ingest.sendRaw(Topics.STREAM_LIFECYCLE, poisoned, Map.of(CloudEvents.TYPE, "fanout.stream.started.v1"),
                "[]".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.awaitRecords(poisoned, 1, DEADLINE).get(0).header("dead-letter-reason"))
                .contains("fanout.stream.started.v1");

        String stream = UUID.randomUUID().toString();
        ingest.send(new StreamStarted(stream, UUID.randomUUID().toString(), 2, Instant.now(), UUID.randomUUID().toString()));
        // No encoder publishes this stream: the encode cannot read its source and reports the failure.
        assertThat(renditions.awaitRecords(stream, 1, DEADLINE).get(0).header(CloudEvents.TYPE))
                .isEqualTo(EventType.LADDER_FAILED.ceType());
    }

    private static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
