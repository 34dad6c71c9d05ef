package io.fanout.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fanout.contracts.Json;
import io.fanout.contracts.stream.HealthWarning;
import io.fanout.ingest.domain.IngestHealth;
import io.fanout.ingest.edge.EdgeClient.EdgeStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a probe concludes from ffprobe's output and the edge's statistics. The sample in these tests
 * is what the edge hands a new reader of a stream whose keyframes are far apart: audio from the
 * start, video not before the next keyframe.
 */
class EdgeProbeTest {

    private static final Duration SAMPLE = Duration.ofSeconds(10);
    private static final EdgeStream BEFORE = carried("7", Duration.ofSeconds(30), "h264");

    @Test
    void theSamePublisherOnTheEdgeFromStartToEndIsOneSample() {
        EdgeStream after = carried("7", Duration.ofSeconds(41), "h264");

        assertThat(EdgeProbe.samePublisherThroughout(BEFORE, after, SAMPLE.plusMillis(900))).isTrue();
    }

    @Test
    void aPublisherThatReconnectedWhileReadersStayedIsAnotherOne() {
        // nginx keeps the stream (and its age) while pushes still read it; the publisher is new.
        EdgeStream after = carried("12", Duration.ofSeconds(41), "h264");

        assertThat(EdgeProbe.samePublisherThroughout(BEFORE, after, SAMPLE)).isFalse();
    }

    @Test
    void aStreamOnARestartedEdgeIsAnotherOneEvenUnderTheSameClientId() {
        // A new nginx counts clients from one again: the id may repeat, the stream is younger than the sample.
        EdgeStream after = carried("7", Duration.ofSeconds(4), null);

        assertThat(EdgeProbe.samePublisherThroughout(BEFORE, after, SAMPLE)).isFalse();
    }

    @Test
    void videoTheSampleDidNotReachIsTakenFromTheEdge() {
        IngestHealth health = EdgeProbe.parse(audioOnlySample(), carried("7", Duration.ofSeconds(41), "h264"))
                .orElseThrow();

        assertThat(health.videoCodec()).isEqualTo("h264");
        assertThat(health.width()).isEqualTo(1280);
        assertThat(health.warnings()).contains(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG)
                .doesNotContain(HealthWarning.NO_VIDEO);
    }

    @Test
    void anEncoderSendingNoVideoIsWarnedOf() {
        IngestHealth health = EdgeProbe.parse(audioOnlySample(), carried("7", Duration.ofSeconds(41), null))
                .orElseThrow();

        assertThat(health.videoCodec()).isNull();
        assertThat(health.warnings()).contains(HealthWarning.NO_VIDEO);
    }

    @Test
    void aSampleWithoutPacketsMeasuresNothing() {
        ObjectNode empty = Json.mapper().createObjectNode();
        empty.putArray("streams");
        empty.putArray("packets");

        assertThat(EdgeProbe.parse(empty, BEFORE)).isEmpty();
    }

    private static EdgeStream carried(String clientId, Duration age, String videoCodec) {
        boolean video = videoCodec != null;
        return new EdgeStream("stream", age, 1_000_000, 2_500, clientId, videoCodec, video ? 1280 : 0,
                video ? 720 : 0, video ? 30 : 0, "aac");
    }

    /** ffprobe's JSON for 10 s of an AAC track and no video packet. */
    private static JsonNode audioOnlySample() {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("streams").addObject().put("index", 0).put("codec_type", "audio").put("codec_name", "aac");
        ArrayNode packets = result.putArray("packets");
        for (int i = 0; i <= 430; i++) {
            packets.addObject().put("stream_index", 0).put("pts_time", String.valueOf(i * 1024 / 44_100.0))
                    .put("size", "372").put("flags", "K__");
        }
        return result;
    }
}
