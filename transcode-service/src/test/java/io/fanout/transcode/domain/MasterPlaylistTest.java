package io.fanout.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.stream.LadderSetting;
import org.junit.jupiter.api.Test;

class MasterPlaylistTest {

    @Test
    void everyRungIsListedHighestFirstWithWhatAPlayerChoosesBy() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT,
                LadderPlanTest.h264(1920, 1080, 30, 5000), 128);

        String master = MasterPlaylist.render(plan);

        assertThat(master).startsWith("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        assertThat(master).contains("#EXT-X-STREAM-INF:BANDWIDTH=5660000,AVERAGE-BANDWIDTH=5160000,RESOLUTION=1920x1080,"
                + "CODECS=\"avc1.640028,mp4a.40.2\",FRAME-RATE=30.000\n1080p/index.m3u8\n");
        assertThat(master).contains("RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\",FRAME-RATE=30.000\n360p/index.m3u8\n");
        assertThat(master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count()).isEqualTo(4);
    }

    @Test
    void levelsFollowPictureSizeFrameRateAndBitrate() {
        assertThat(H264.level(1920, 1080, 30, 6600)).isEqualTo(40);
        assertThat(H264.level(1920, 1080, 60, 9900)).isEqualTo(42);
        assertThat(H264.level(1280, 720, 30, 3850)).isEqualTo(31);
        assertThat(H264.level(640, 360, 30, 880)).isEqualTo(30);
        assertThat(H264.codecs("Constrained Baseline", 30)).isEqualTo("avc1.42e01e");
    }
}
