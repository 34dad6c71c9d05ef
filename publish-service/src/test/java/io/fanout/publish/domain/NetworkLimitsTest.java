package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.push.Network;
import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PreflightViolation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkLimitsTest {

    @Test
    void twitchWantsAKeyframeEveryTwoSecondsAndEndsAfter48Hours() {
        NetworkLimits twitch = NetworkLimits.of(Network.TWITCH);
        assertThat(twitch.check(Network.TWITCH, "rtmp://live.twitch.tv/app", 2.0, Duration.ofHours(1))).isEmpty();
        assertThat(twitch.check(Network.TWITCH, "rtmp://live.twitch.tv/app", 4.0, Duration.ofHours(49)))
                .extracting(PreflightViolation::check)
                .containsExactly(PreflightCheck.KEYFRAME_INTERVAL, PreflightCheck.DURATION_CAP);
        assertThat(twitch.check(Network.TWITCH, null, 4.0, null).get(0).detail())
                .isEqualTo("keyframes every 4.0 s; twitch accepts at most 2.0 s");
    }

    @Test
    void facebookWantsRtmpsKeyframesWithinFourSecondsAndEndsAfterEightHours() {
        NetworkLimits facebook = NetworkLimits.of(Network.FACEBOOK);
        assertThat(facebook.check(Network.FACEBOOK, "rtmps://live-api-s.facebook.com:443/rtmp", 4.0, Duration.ofHours(7)))
                .isEmpty();
        assertThat(facebook.check(Network.FACEBOOK, "rtmp://live-api.facebook.com/rtmp", 6.0, Duration.ofMinutes(8 * 60 + 1)))
                .extracting(PreflightViolation::check).containsExactly(PreflightCheck.KEYFRAME_INTERVAL,
                        PreflightCheck.RTMPS_REQUIRED, PreflightCheck.DURATION_CAP);
    }

    @Test
    void anUnmeasuredStreamAndEndpointsWithoutDocumentedLimitsBreakNothing() {
        assertThat(NetworkLimits.of(Network.YOUTUBE).check(Network.YOUTUBE, "rtmp://a.rtmp.youtube.com/live2", null,
                Duration.ofHours(100))).isEmpty();
        assertThat(NetworkLimits.of(Network.RTMP).check(Network.RTMP, "rtmp://example.com/live", 10.0, Duration.ofDays(9)))
                .isEmpty();
        assertThat(NetworkLimits.of(Network.YOUTUBE).check(Network.YOUTUBE, null, 5.0, null))
                .extracting(PreflightViolation::check).containsExactly(PreflightCheck.KEYFRAME_INTERVAL);
    }

    @Test
    void facebookAndTwitchTake1080LinesAndADestinationsOwnLimitCanOnlyLowerThat() {
        assertThat(NetworkLimits.of(Network.FACEBOOK).pictureLimit(null)).isEqualTo(1080);
        assertThat(NetworkLimits.of(Network.TWITCH).pictureLimit(720)).isEqualTo(720);
        assertThat(NetworkLimits.of(Network.TWITCH).pictureLimit(2160)).isEqualTo(1080);
        assertThat(NetworkLimits.of(Network.RTMP).pictureLimit(480)).isEqualTo(480);
        assertThat(NetworkLimits.of(Network.YOUTUBE).pictureLimit(null)).isNull();
    }
}
