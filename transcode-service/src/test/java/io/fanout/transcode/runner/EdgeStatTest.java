package io.fanout.transcode.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.transcode.domain.SourceMedia;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeStatTest {

    private static final String STAT = """
            <?xml version="1.0" encoding="utf-8" ?>
            <rtmp><server>
            <application><name>renditions</name><live><stream><name>s1</name></stream></live></application>
            <application><name>live</name><live>
            <stream><name>s1</name><bw_video>4521000</bw_video>
            <client><id>7</id><publishing/></client>
            <meta><video><width>1920</width><height>1080</height><frame_rate>59.94</frame_rate><codec>H264</codec>
            <profile>High</profile><compat>0</compat><level>4.2</level></video>
            <audio><codec>AAC</codec><profile>LC</profile><channels>2</channels><sample_rate>48000</sample_rate></audio></meta>
            <publishing/></stream>
            <stream><name>s2</name><publishing/></stream>
            </live></application>
            </server></rtmp>
            """;

    @Test
    void theEdgeDescribesAPublishedSourceByItsMetadata() throws IOException {
        assertThat(EdgeStat.parse(STAT.getBytes(StandardCharsets.UTF_8), "live", "s1"))
                .contains(new SourceMedia("h264", 1920, 1080, 59.94, 4521, "High", 42, "aac", 0));
    }

    @Test
    void aStreamWithoutMetadataYetOrInAnotherApplicationIsNotDescribed() throws IOException {
        assertThat(EdgeStat.parse(STAT.getBytes(StandardCharsets.UTF_8), "live", "s2")).isEmpty();
        assertThat(EdgeStat.parse(STAT.getBytes(StandardCharsets.UTF_8), "renditions", "s1")).isEmpty();
        assertThat(EdgeStat.parse(STAT.getBytes(StandardCharsets.UTF_8), "live", "s3")).isEmpty();
    }
}
