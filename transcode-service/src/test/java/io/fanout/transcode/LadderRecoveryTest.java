package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.testkit.Hls;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ladder survives what happens to live streams: the encoder dropping and coming back inside its
 * reconnect window, and its own ffmpeg killed. Either way the same master playlist keeps playing,
 * its rungs continuing after a discontinuity.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class LadderRecoveryTest extends LiveSessionsTest {

    @Test
    void theSameMasterKeepsPlayingAcrossAnEncoderDropInsideTheWindow() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480).videoKbps(1200)).start();
        try {
            LadderStarted first = live.awaitLadder(1);
            try (Hls.Reader player = Hls.read(first.playerUrl())) {
                await("playing").atMost(LiveSessions.DEADLINE).until(() -> player.mediaSeconds() >= 4);

                live.drop();
                live.resume();

                LadderStarted again = live.awaitLadder(2);
                assertThat(again.playerUrl()).isEqualTo(first.playerUrl());
                double atResume = player.mediaSeconds();
                await("the same player goes on after the gap").atMost(LiveSessions.DEADLINE)
                        .until(() -> player.mediaSeconds() >= atResume + 6);
                assertThat(player.isAlive()).isTrue();
            }
            assertContinuesAfterADiscontinuity(first);
        } finally {
            live.killEncoder();
            live.end();
        }
    }

    @Test
    void aKilledLadderIsRestartedAndItsPlaylistsGoOn() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480).videoKbps(1200)).start();
        try {
            LadderStarted first = live.awaitLadder(1);
            ProcessHandle ladder = ladderProcess(live.stream);

            ladder.destroyForcibly();

            LadderStarted again = live.awaitLadder(2);
            assertThat(again.playerUrl()).isEqualTo(first.playerUrl());
            assertThat(ladderProcess(live.stream).pid()).isNotEqualTo(ladder.pid());
            assertContinuesAfterADiscontinuity(first);
        } finally {
            live.killEncoder();
            live.end();
        }
    }

    /** Every rung's playlist shows a discontinuity with segments after it, in one unbroken sequence. */
    private static void assertContinuesAfterADiscontinuity(LadderStarted ladder) {
        for (Hls.Variant variant : Hls.master(ladder.playerUrl())) {
            await("segments after the discontinuity in " + variant.uri()).atMost(LiveSessions.DEADLINE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        List<Hls.Segment> segments = Hls.media(variant.uri().toString()).segments();
                        int gap = segments.stream().filter(Hls.Segment::discontinuity).map(segments::indexOf)
                                .reduce((a, b) -> b).orElse(-1);
                        return gap > 0 && segments.size() - gap >= 2;
                    });
        }
    }

    /** The one ffmpeg of the stream's ladder, a child of this JVM (the service runs in it). */
    private static ProcessHandle ladderProcess(String stream) {
        return await("the ladder's ffmpeg").atMost(LiveSessions.DEADLINE).until(() -> ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-f tee") && c.contains(stream)).orElse(false))
                .toList(), list -> list.size() == 1).get(0);
    }
}
