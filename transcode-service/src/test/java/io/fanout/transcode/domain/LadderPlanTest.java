package io.fanout.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fanout.contracts.stream.LadderSetting;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderPlanTest {

    static final List<RungSpec> SPORT = List.of(
            new RungSpec("360p", 360, 800, 1100, "main"),
            new RungSpec("1080p", 1080, 6000, 9000, "high"),
            new RungSpec("480p", 480, 1500, 2200, "main"),
            new RungSpec("720p", 720, 3500, 5000, "high"));

    static SourceMedia h264(int width, int height, double fps, int kbps) {
        return new SourceMedia("h264", width, height, fps, kbps, "High", 40, "aac", 160);
    }

    @Test
    void anH264SourceThatFitsIsPassedThroughAsTheTopRungAboveEveryRungBelowIt() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, SPORT, h264(1920, 1080, 30, 5000), 128);

        assertThat(plan.rungs()).extracting(PlannedRung::name).containsExactly("1080p", "720p", "480p", "360p");
        assertThat(plan.rungs()).extracting(PlannedRung::passthrough).containsExactly(true, false, false, false);
        assertThat(plan.keyframesFromSource()).isTrue();
        assertThat(plan.rungs().get(0).rung().videoBitrateKbps()).isEqualTo(5000);
        assertThat(plan.rungs().get(1).rung()).satisfies(r -> {
            assertThat(r.width()).isEqualTo(1280);
            assertThat(r.height()).isEqualTo(720);
            assertThat(r.videoBitrateKbps()).isEqualTo(3500);
            assertThat(r.audioBitrateKbps()).isEqualTo(160);
        });
        assertThat(plan.copyAudio()).isTrue();
    }

    @Test
    void aPassedThroughSourceOfUnknownBitrateIsAnnouncedAtTheMostItMayCarry() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, SPORT, h264(1920, 1080, 30, 0), 128);

        assertThat(plan.rungs().get(0).passthrough()).isTrue();
        assertThat(plan.rungs().get(0).rung().videoBitrateKbps()).isEqualTo(9000);
    }

    @Test
    void rungsAboveTheSourceAreDropped() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, SPORT, h264(854, 480, 30, 1200), 128);

        assertThat(plan.rungs()).extracting(PlannedRung::name).containsExactly("480p", "360p");
        assertThat(plan.rungs().get(1).rung().width()).isEqualTo(640);
    }

    @Test
    void aSourceOverTheTopRungsLimitsIsEncodedAtEveryRungWithItsOwnKeyframeCadence() {
        LadderPlan tooRich = LadderPlan.of(LadderSetting.STANDARD, SPORT, h264(1920, 1080, 30, 20_000), 128);
        LadderPlan notH264 = LadderPlan.of(LadderSetting.STANDARD, SPORT,
                new SourceMedia("hevc", 1920, 1080, 30, 0, "Main", 120, "mp3", 128), 128);

        for (LadderPlan plan : List.of(tooRich, notH264)) {
            assertThat(plan.rungs()).extracting(PlannedRung::name).containsExactly("1080p", "720p", "480p", "360p");
            assertThat(plan.rungs()).noneMatch(PlannedRung::passthrough);
            assertThat(plan.keyframesFromSource()).isFalse();
        }
        assertThat(notH264.copyAudio()).isFalse();
        assertThat(notH264.rungs().get(0).rung().audioBitrateKbps()).isEqualTo(128);
    }

    @Test
    void sixtyFramesASecondGetTheHigherBitratesAndAHigherLevel() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, SPORT,
                new SourceMedia("h264", 1920, 1080, 60, 0, "High", 42, null, 0), 128);

        assertThat(plan.rungs().get(1).rung().videoBitrateKbps()).isEqualTo(5000);
        assertThat(plan.rungs().get(1).level()).isEqualTo(32);
        assertThat(plan.audio()).isFalse();
        assertThat(plan.rungs().get(1).rung().audioBitrateKbps()).isZero();
    }

    @Test
    void aSourceSmallerThanEveryRungIsEncodedOnceAtItsOwnSize() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, SPORT,
                new SourceMedia("flv1", 320, 240, 25, 0, null, 0, "mp3", 64), 128);

        assertThat(plan.rungs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("240p");
            assertThat(r.rung().width()).isEqualTo(320);
            assertThat(r.passthrough()).isFalse();
        });
    }

    @Test
    void passthroughOnlyKeepsTheSourceAloneAndNeedsH264() {
        LadderPlan plan = LadderPlan.of(LadderSetting.PASSTHROUGH_ONLY, SPORT, h264(1920, 1080, 30, 20_000), 128);

        assertThat(plan.rungs()).singleElement().satisfies(r -> assertThat(r.passthrough()).isTrue());
        assertThatThrownBy(() -> LadderPlan.of(LadderSetting.PASSTHROUGH_ONLY, SPORT,
                new SourceMedia("hevc", 1920, 1080, 30, 0, "Main", 120, "aac", 128), 128))
                .hasMessageContaining("H.264");
    }

    @Test
    void noneMeansNoLadder() {
        assertThat(LadderPlan.of(LadderSetting.NONE, SPORT, h264(1920, 1080, 30, 5000), 128).isEmpty()).isTrue();
    }
}
