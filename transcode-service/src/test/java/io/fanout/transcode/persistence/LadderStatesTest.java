package io.fanout.transcode.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.domain.RungSpec;
import io.fanout.transcode.domain.SourceMedia;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record a restarted instance resumes from reads back what was written: the session, its
 * settings and the plan its ladder runs with (what an adopted pod keeps announcing and recording).
 */
class LadderStatesTest {

    @TempDir
    Path media;

    @Test
    void aSavedStateWithItsPlanReadsBackAsItWasAndAnEndedOneIsGone() throws Exception {
        LadderStates states = new LadderStates(config(media));
        SourceMedia source = new SourceMedia("h264", 1920, 1080, 30, 5000, "High", 40, "aac", 160);
        LadderPlan plan = LadderPlan.of(LadderSetting.STANDARD, List.of(new RungSpec("720p", 720, 3500, 5000, "high"),
                new RungSpec("360p", 360, 800, 1100, "main")), source, 128);
        LadderStates.State live = new LadderStates.State("stream-1", "partner-1", "session-1", LadderSetting.STANDARD, true,
                plan);
        LadderStates.State unplanned = new LadderStates.State("stream-2", "partner-1", "session-2", LadderSetting.NONE,
                false, null);

        states.save(live);
        states.save(unplanned);
        Files.writeString(media.resolve("state").resolve("stream-3.json"), "{not json");

        assertThat(states.all()).as("an unreadable record is skipped").containsExactlyInAnyOrder(live, unplanned);
        states.delete("stream-1");
        assertThat(states.all()).containsExactly(unplanned);
    }

    private static TranscodeConfig config(Path media) {
        return new SmallRyeConfigBuilder().withMapping(TranscodeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, Path::of)
                .withDefaultValue("fanout.transcode.media-directory", media.toString()).build()
                .getConfigMapping(TranscodeConfig.class);
    }
}
