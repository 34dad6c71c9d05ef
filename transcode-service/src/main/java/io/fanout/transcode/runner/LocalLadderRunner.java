package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.servicekit.media.FfmpegProgress;
import io.fanout.transcode.config.TranscodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs each ladder as a supervised local ffmpeg child process ({@link FfmpegJob}). */
@ApplicationScoped
public class LocalLadderRunner implements LadderRunner {

    private final TranscodeConfig config;

    public LocalLadderRunner(TranscodeConfig config) {
        this.config = config;
    }

    @Override
    public Running start(String streamId, List<String> arguments, Listener listener) throws IOException {
        FfmpegJob job = FfmpegJob.start(config.ffmpeg(), arguments, "ladder of stream " + streamId, null,
                new FfmpegJob.Listener() {
                    @Override
                    public void flowing() {
                        listener.flowing();
                    }

                    @Override
                    public void snapshot(FfmpegProgress.Snapshot snapshot) {
                        listener.progress(snapshot);
                    }

                    @Override
                    public void ended(String reason) {
                        listener.ended(reason);
                    }
                });
        return new Running() {
            @Override
            public void stop() {
                job.stop();
            }

            @Override
            public boolean isAlive() {
                return job.isAlive();
            }

            @Override
            public Optional<ProcessHandle> process() {
                return Optional.of(job.handle());
            }

            @Override
            public double cpuSeconds() {
                return job.handle().info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1000.0;
            }
        };
    }
}
