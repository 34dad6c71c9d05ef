package io.fanout.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.stream.HealthWarning;
import io.fanout.ingest.domain.IngestHealth.Packet;
import io.fanout.ingest.domain.IngestHealth.Track;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestHealthTest {

    private static final Track VIDEO = new Track(0, "video", "h264", 1280, 720, 2_500_000, 30);
    private static final Track AUDIO = new Track(1, "audio", "aac", 0, 0, 128_000, 0);

    @Test
    void aRegularStreamIsMeasuredWithoutWarnings() {
        IngestHealth health = IngestHealth.measure(List.of(VIDEO, AUDIO), stream(30, 60, 10, 2_628_000));

        assertThat(health.fps()).isEqualTo(30.0);
        assertThat(health.keyframeIntervalSeconds()).isEqualTo(2.0);
        assertThat(health.bitrateKbps()).isBetween(2_500L, 2_800L);
        assertThat(health.warnings()).isEmpty();
        assertThat(health.videoCodec()).isEqualTo("h264");
        assertThat(health.width()).isEqualTo(1280);
    }

    @Test
    void sparseKeyframesAndABitrateFarFromTheDeclaredOneAreFlagged() {
        IngestHealth health = IngestHealth.measure(List.of(VIDEO, AUDIO), stream(30, 180, 10, 600_000));

        assertThat(health.keyframeIntervalSeconds()).isEqualTo(6.0);
        assertThat(health.warnings()).containsExactly(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG,
                HealthWarning.BITRATE_OFF_DECLARED);
    }

    @Test
    void withOneKeyframeTheIntervalIsAtLeastItsDistanceToTheFartherEnd() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 270; i++) {
            packets.add(new Packet(0, i / 30.0, 1000, i == 60));
        }
        IngestHealth health = IngestHealth.measure(List.of(VIDEO, AUDIO), packets);

        assertThat(health.keyframeIntervalSeconds()).isGreaterThan(4.0);
        assertThat(health.warnings()).contains(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG);
    }

    @Test
    void noAudioTrackIsFlagged() {
        IngestHealth health = IngestHealth.measure(List.of(VIDEO), stream(30, 60, 10, 2_500_000));

        assertThat(health.audioCodec()).isNull();
        assertThat(health.warnings()).contains(HealthWarning.NO_AUDIO);
    }

    @Test
    void noVideoTrackIsFlaggedAndMeasuresNoPicture() {
        List<Packet> audio = new ArrayList<>();
        for (int i = 0; i <= 430; i++) {
            audio.add(new Packet(1, i * 1024 / 44_100.0, 372, true));
        }
        IngestHealth health = IngestHealth.measure(List.of(AUDIO), audio);

        assertThat(health.videoCodec()).isNull();
        assertThat(health.width()).isZero();
        assertThat(health.fps()).isZero();
        assertThat(health.keyframeIntervalSeconds()).isZero();
        assertThat(health.bitrateKbps()).isBetween(120L, 136L);
        assertThat(health.warnings()).containsExactly(HealthWarning.NO_VIDEO);
    }

    /** {@code seconds} of video at {@code fps} with a keyframe every {@code gop} frames, at about {@code bps}. */
    private static List<Packet> stream(int fps, int gop, int seconds, long bps) {
        List<Packet> packets = new ArrayList<>();
        int frames = fps * seconds;
        long size = bps / 8 / fps;
        for (int i = 0; i <= frames; i++) {
            packets.add(new Packet(0, i / (double) fps, size, i % gop == 0));
        }
        return packets;
    }
}
