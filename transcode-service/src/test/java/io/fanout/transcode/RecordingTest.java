package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.testkit.Hls;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.transcode.persistence.MediaFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream with recording on keeps each session: when it ends, {@code recording.ready} announces a
 * VOD that plays from start to end and lasts as long as the session; the retention sweep deletes it.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class RecordingTest extends LiveSessionsTest {

    @Inject
    MediaFiles files;



    @Test
    void anEndedSessionBecomesAVodAsLongAsTheSessionThatPlaysFromStartToEnd() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480).videoKbps(1200).gopFrames(30))
                .media(new StreamMedia(LadderSetting.STANDARD, true)).start();
        LadderStarted ladder;
        try {
            ladder = live.awaitLadder(1);
            try (Hls.Reader player = Hls.read(ladder.playerUrl())) {
                await("12 s of the session").atMost(LiveSessions.DEADLINE).until(() -> player.mediaSeconds() >= 12);
            }
            live.end();
        } finally {
            live.killEncoder();
        }

        RecordingReady recording = (RecordingReady) LiveSessions.read(live.awaitEvent(EventType.RECORDING_READY));
        double session = Duration.between(live.startedAt, live.endedAt).toMillis() / 1000.0;
        assertThat(recording.durationSeconds()).as("recording of a %.1f s session", session).isCloseTo(session, within(2.0));
        assertThat(recording.rungs()).isEqualTo(ladder.rungs());
        assertThat(recording.url()).isEqualTo(EdgeResource.serviceUrl() + "/vod/" + live.stream + "/" + live.session
                + "/master.m3u8");

        List<Hls.Variant> variants = Hls.master(recording.url());
        assertThat(variants).extracting(v -> v.attributes().get("RESOLUTION")).containsExactly("854x480", "640x360");
        for (Hls.Variant variant : variants) {
            Hls.MediaPlaylist vod = Hls.media(variant.uri().toString());
            assertThat(vod.ended()).as("closed with EXT-X-ENDLIST").isTrue();
            assertThat(vod.mediaSequence()).isZero();
            try (Hls.Reader player = Hls.read(variant.uri().toString())) {
                await("the VOD plays to its end").atMost(LiveSessions.DEADLINE).until(() -> !player.isAlive());
                assertThat(player.mediaSeconds()).isCloseTo(recording.durationSeconds(), within(1.0));
            }
        }

        assertThat(files.deleteRecordingsClosedBefore(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(Hls.get(recording.url()).status()).isEqualTo(404);
    }

    @Test
    void aStreamWithoutRecordingKeepsNothing() {
        LiveSessions.Session live = sessions.session(e -> e).start();
        try {
            live.awaitLadder(1);
            live.end();
        } finally {
            live.killEncoder();
        }
        live.awaitEvent(EventType.LADDER_STOPPED);
        assertThat(live.eventTypes()).doesNotContain(EventType.RECORDING_READY.ceType());
        assertThat(Hls.get(EdgeResource.serviceUrl() + "/vod/" + live.stream + "/" + live.session + "/master.m3u8")
                .status()).isEqualTo(404);
    }
}
