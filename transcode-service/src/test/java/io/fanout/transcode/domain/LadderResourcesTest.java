package io.fanout.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.stream.LadderSetting;
import org.junit.jupiter.api.Test;

/** A ladder pod asks for what its ladder costs: pixels decoded and encoded per second. */
class LadderResourcesTest {

    @Test
    void aLadderIsSizedByThePixelsItDecodesAndEncodes() {
        // 1080p30 passed through (decoded only) + 720p, 480p, 360p encoded: 62 + 47 megapixels per second.
        SourceMedia source = LadderPlanTest.h264(1920, 1080, 30, 5000);
        LadderResources full = LadderResources.of(source, LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT, source, 128));

        assertThat(full.cpuMillicores()).isEqualTo(1200);
        assertThat(full.memoryMebibytes()).isEqualTo(80 + 110);
        assertThat(full.cpu()).isEqualTo("1200m");
        assertThat(full.memoryLimit()).isEqualTo("380Mi");
    }

    @Test
    void fewerOrSmallerRungsAskForLessAndNeverBelowAFloor() {
        SourceMedia hd = LadderPlanTest.h264(1920, 1080, 30, 5000);
        SourceMedia sd = LadderPlanTest.h264(640, 360, 30, 800);
        LadderResources full = LadderResources.of(hd, LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT, hd, 128));
        LadderResources passthrough = LadderResources.of(hd,
                LadderPlan.of(LadderSetting.PASSTHROUGH_ONLY, LadderPlanTest.SPORT, hd, 128));
        LadderResources small = LadderResources.of(sd, LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT, sd, 128));

        assertThat(passthrough.cpuMillicores()).isLessThan(full.cpuMillicores());
        assertThat(small.cpuMillicores()).isEqualTo(250);
        assertThat(small.memoryMebibytes()).isLessThan(full.memoryMebibytes());
    }

    @Test
    void sixtyFramesASecondCostTwiceThirty() {
        SourceMedia thirty = LadderPlanTest.h264(1280, 720, 30, 3000);
        SourceMedia sixty = LadderPlanTest.h264(1280, 720, 60, 3000);

        int at30 = LadderResources.of(thirty, LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT, thirty, 128))
                .cpuMillicores();
        int at60 = LadderResources.of(sixty, LadderPlan.of(LadderSetting.STANDARD, LadderPlanTest.SPORT, sixty, 128))
                .cpuMillicores();
        assertThat(at60).isBetween(2 * at30 - 50, 2 * at30 + 50);
    }
}
