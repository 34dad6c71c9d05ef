package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.testkit.Browser;
import io.fanout.testkit.Hls;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The player page that {@code ladder.started} points to plays the ladder in a real headless Chromium. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class PlayerPageTest extends LiveSessionsTest {

    @Test
    void thePagePlaysTheStreamAndListsOneQualityLevelPerRung() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480).videoKbps(1200)).start();
        try (Browser browser = Browser.start()) {
            LadderStarted ladder = live.awaitLadder(1);
            browser.driver().get(ladder.pageUrl());

            long levels = await("hls.js lists the rungs").atMost(LiveSessions.DEADLINE)
                    .until(() -> (Long) browser.script(
                            "return window.fanoutPlayer ? window.fanoutPlayer.levels.length : 0;"), n -> n > 0);
            assertThat(levels).isEqualTo(ladder.rungs().size());
            // hls.js orders its levels by bandwidth, lowest first.
            assertThat((String) browser.script("return window.fanoutPlayer.levels.map(l => l.height).join(',');"))
                    .isEqualTo("360,480");

            double started = await("the video plays").atMost(LiveSessions.DEADLINE).pollInterval(Duration.ofMillis(250))
                    .until(() -> currentTime(browser), t -> t > 0);
            await("the video keeps playing").atMost(LiveSessions.DEADLINE).pollInterval(Duration.ofMillis(250))
                    .until(() -> currentTime(browser), t -> t >= started + 4);
            assertThat((String) browser.script("return document.getElementById('status').textContent;"))
                    .startsWith("Live");
        } finally {
            live.killEncoder();
            live.end();
        }
    }

    @Test
    void hlsAnswersAllowPlayersOnOtherOriginsAndUnknownStreamsAreNotFound() {
        LiveSessions.Session live = sessions.session(e -> e).start();
        try {
            LadderStarted ladder = live.awaitLadder(1);

            Hls.Answer master = Hls.get(ladder.playerUrl());
            assertThat(master.status()).isEqualTo(200);
            assertThat(master.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(master.header("Content-Type")).startsWith("application/vnd.apple.mpegurl");
            assertThat(master.header("Cache-Control")).isEqualTo("no-cache");

            assertThat(Hls.get(EdgeResource.serviceUrl() + "/hls/no-such-stream/master.m3u8").status()).isEqualTo(404);
            assertThat(Hls.get(ladder.playerUrl().replace("master.m3u8", "..%2F..%2Fetc/passwd")).status())
                    .isEqualTo(404);
            assertThat(Hls.get(EdgeResource.serviceUrl() + "/watch/not%20a%20stream").status()).isEqualTo(404);
        } finally {
            live.killEncoder();
            live.end();
        }
    }

    private static double currentTime(Browser browser) {
        return ((Number) browser.script("return document.getElementById('video').currentTime;")).doubleValue();
    }
}
