package io.fanout.servicekit.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegProgressTest {

    private final List<String> heard = new ArrayList<>();
    private final List<FfmpegProgress.Snapshot> snapshots = new ArrayList<>();
    private final FfmpegProgress progress = new FfmpegProgress(new FfmpegJob.Listener() {
        @Override
        public void flowing() {
            heard.add("flowing");
        }

        @Override
        public void snapshot(FfmpegProgress.Snapshot snapshot) {
            snapshots.add(snapshot);
        }

        @Override
        public void ended(String reason) {
            heard.add("ended");
        }
    });

    private void block(String frame, String totalSize) {
        List.of("frame=" + frame, "fps=29.97", "stream_0_0_q=23.0", "total_size=" + totalSize, "out_time_us=2000000",
                "dup_frames=1", "drop_frames=2", "speed=1.02x", "progress=continue").forEach(progress::accept);
    }

    @Test
    void anOutputOfKnownSizeFlowsOnceBytesAreWritten() {
        block("0", "0");
        assertThat(heard).isEmpty();

        block("30", "48000");
        block("60", "96000");

        assertThat(heard).containsExactly("flowing");
        assertThat(snapshots.get(snapshots.size() - 1))
                .isEqualTo(new FfmpegProgress.Snapshot(96000, 60, 29.97, 1.02, 2, 1, 2_000_000));
    }

    @Test
    void aTeeOfSeveralOutputsHasNoSizeAndFlowsOnceFramesAreEncoded() {
        block("0", "N/A");
        assertThat(heard).isEmpty();

        block("30", "N/A");

        assertThat(heard).containsExactly("flowing");
        assertThat(progress.stalledFor(Duration.ofHours(1))).isFalse();
        assertThat(progress.stalledFor(Duration.ZERO)).isTrue();
    }
}
