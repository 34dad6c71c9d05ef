package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.servicekit.media.ProcessRecords;
import io.fanout.transcode.config.TranscodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs each ladder as a supervised local ffmpeg child process ({@link FfmpegJob}). Each is recorded
 * under {@code <media>/state/processes} ({@link ProcessRecords}): a killed service leaves its ffmpeg
 * children running without anyone reading their progress, so this runner, when created, stops those
 * before it starts any, and the restarted service starts the ladders anew (continuing their
 * playlists). A stream's ladder never runs twice.
 */
@ApplicationScoped
@Typed(LocalLadderRunner.class)
public class LocalLadderRunner implements LadderRunner {

    private final TranscodeConfig config;
    private final ProcessRecords records;

    public LocalLadderRunner(TranscodeConfig config) {
        this.config = config;
        this.records = new ProcessRecords(config.mediaDirectory().toAbsolutePath().normalize()
                .resolve("state").resolve("processes"), "ladder");
        records.stopLeftovers();
    }

    @Override
    public Running start(Job ladder, Listener listener) throws IOException {
        String stream = ladder.streamId();
        FfmpegJob job = FfmpegJob.start(config.ffmpeg(), ladder.arguments(), "ladder of stream " + stream, null,
                new LadderReports(listener, () -> records.forget(stream)));
        records.record(stream, job.handle());
        return new Running() {
            @Override
            public void stop() {
                job.stop();
                records.forget(stream);
            }

            @Override
            public boolean isAlive() {
                return job.isAlive();
            }

            @Override
            public double cpuSeconds() {
                return job.handle().info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1000.0;
            }
        };
    }
}
