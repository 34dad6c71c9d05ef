package io.fanout.transcode.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.domain.RungSpec;
import io.fanout.transcode.domain.SourceMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderCommandTest {

    static final List<RungSpec> RUNGS = List.of(new RungSpec("720p", 720, 3500, 5000, "high"),
            new RungSpec("360p", 360, 800, 1100, "main"));
    static final LadderCommand COMMAND = new LadderCommand("rtmp://edge/live", "rtmp://edge/renditions",
            Path.of("/media/live"), "veryfast", Duration.ofSeconds(2), 6, Duration.ofSeconds(10));

    @Test
    void oneDecodeIsScaledForEachEncodedRungAndEveryRungIsTeedToHlsAndItsRelay() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, RUNGS,
                new SourceMedia("h264", 1280, 720, 30, 3000, "High", 31, "aac", 128), 128);

        List<String> args = COMMAND.arguments("s1", "ab12cd34-0000", plan, null);

        assertThat(Collections.frequency(args, "-i")).isEqualTo(1);
        assertThat(args).containsSequence("-i", "rtmp://edge/live/s1");
        assertThat(args).containsSequence("-filter_complex", "[0:v:0]scale=640:360,format=yuv420p[v0]");
        assertThat(args).containsSequence("-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "copy");
        assertThat(args).containsSequence("-force_key_frames", "source");
        assertThat(args).containsSequence("-sc_threshold", "0");
        assertThat(Collections.frequency(args, "tee")).isEqualTo(2);
        assertThat(args.get(args.size() - 1)).isEqualTo("[f=hls:hls_time=2:hls_list_size=6"
                + ":hls_flags=delete_segments+append_list+omit_endlist+independent_segments+program_date_time"
                + ":hls_segment_filename=/media/live/s1/360p/ab12cd34-%d.ts]/media/live/s1/360p/index.m3u8"
                + "|[f=flv:onfail=ignore]rtmp://edge/renditions/s1_360p");
    }

    @Test
    void withoutAPassedThroughSourceEveryRungGetsAKeyframeEveryInterval() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, RUNGS,
                new SourceMedia("hevc", 1280, 720, 30, 0, "Main", 93, "mp3", 128), 128);

        List<String> args = COMMAND.arguments("s1", "ab12cd34", plan, null);

        assertThat(args).containsSequence("-filter_complex",
                "[0:v:0]scale=1280:720,format=yuv420p,split=2[v0][c0];[c0]scale=640:360[v1]");
        assertThat(args).containsSequence("-map", "[v0]").containsSequence("-map", "[v1]");
        assertThat(Collections.frequency(args, "expr:gte(t,n_forced*2.0)")).isEqualTo(2);
        assertThat(args).containsSequence("-c:a", "aac", "-b:a", "128k");
        assertThat(args).doesNotContain("copy");
    }

    @Test
    void aRecordedSessionKeepsEveryRungInAnEventPlaylistBesideTheLiveWindow() {
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, RUNGS,
                new SourceMedia("h264", 640, 360, 30, 800, "Main", 30, "aac", 128), 128);

        List<String> args = COMMAND.arguments("s1", "ab12cd34", plan, Path.of("/media/recordings/s1/ab12cd34"));

        assertThat(args.get(args.size() - 1)).endsWith("|[f=hls:onfail=ignore:hls_time=2:hls_list_size=0"
                + ":hls_playlist_type=event:hls_flags=append_list+omit_endlist+independent_segments"
                + ":hls_segment_filename=/media/recordings/s1/ab12cd34/360p/%d.ts]/media/recordings/s1/ab12cd34/360p/index.m3u8");
    }

    @Test
    void aMediaDirectoryTheTeeCannotNameIsRefused() {
        assertThatThrownBy(() -> new LadderCommand("a", "b", Path.of("/media/c:d"), "veryfast", Duration.ofSeconds(2), 6,
                Duration.ofSeconds(10))).hasMessageContaining("may not contain");
    }
}
