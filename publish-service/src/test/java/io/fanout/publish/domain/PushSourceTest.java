package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.push.PreflightCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushSourceTest {

    private static final String LIVE = "rtmp://edge/live/s";
    private static final Rendition P360 = new Rendition("360p", 640, 360, "rtmp://edge/hls/s_360p");
    private static final Rendition P720 = new Rendition("720p", 1280, 720, "rtmp://edge/hls/s_720p");

    @Test
    void withoutALimitOrAMeasuredPictureThePushReadsTheLiveStream() {
        assertThat(PushSource.choose(LIVE, null, 3840, 2160, List.of(P360, P720)))
                .isEqualTo(new PushSource(LIVE, null, null));
        assertThat(PushSource.choose(LIVE, 720, null, null, List.of(P360, P720)))
                .as("not measured yet: the live picture, without a violation").isEqualTo(new PushSource(LIVE, null, null));
        assertThat(PushSource.choose(LIVE, 1080, 1920, 1080, List.of(P360, P720)).url())
                .as("the live picture fits exactly").isEqualTo(LIVE);
    }

    @Test
    void aTooTallPictureIsReplacedByTheTallestRenditionThatFits() {
        PushSource source = PushSource.choose(LIVE, 1080, 3840, 2160, List.of(P360, P720));
        assertThat(source.url()).isEqualTo(P720.relayUrl());
        assertThat(source.rendition()).isEqualTo(P720);
        assertThat(source.violation()).isNull();
        assertThat(PushSource.choose(LIVE, 480, 1920, 1080, List.of(P720, P360)).rendition()).isEqualTo(P360);
    }

    @Test
    void whenNoRenditionFitsThePushReadsTheLivePictureAndSaysWhy() {
        PushSource source = PushSource.choose(LIVE, 240, 1280, 720, List.of(P360, P720));
        assertThat(source.url()).isEqualTo(LIVE);
        assertThat(source.isRendition()).isFalse();
        assertThat(source.violation().check()).isEqualTo(PreflightCheck.PICTURE_SIZE);
        assertThat(source.violation().detail())
                .isEqualTo("picture 1280x720; the destination takes at most 240 lines and no rendition that fits is ready");
        assertThat(PushSource.choose(LIVE, 720, 1920, 1080, List.of()).violation()).isNotNull();
    }
}
