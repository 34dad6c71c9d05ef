package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.servicekit.media.ProcessRecords;
import io.fanout.transcode.config.TranscodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs each ladder as a local ffmpeg process ({@link FfmpegJob}), detached from the service: its
 * progress and errors go to files beside its record under {@code <media>/state/processes}
 * ({@link ProcessRecords}: pid, start time and session). Ladders outlive the service, as pods do: a
 * stopping service {@link Running#release releases} them, and the next instance (restarted, after a
 * crash too, or upgraded) {@link #adopt adopts} the ladder of each session it still knows as live,
 * so viewers' playlists never pause; ladders of streams no longer live are {@link #sweep swept}. A
 * stream's ladder never runs twice.
 */
@ApplicationScoped
@Typed(LocalLadderRunner.class)
public class LocalLadderRunner implements LadderRunner {

    private static final Logger LOG = Logger.getLogger(LocalLadderRunner.class);
    private static final String SESSION = "session";

    private final TranscodeConfig config;
    private final ProcessRecords records;

    public LocalLadderRunner(TranscodeConfig config) {
        this.config = config;
        this.records = new ProcessRecords(config.mediaDirectory().toAbsolutePath().normalize()
                .resolve("state").resolve("processes"), "ladder");
    }

    /** Starts the job's ladder; a process an earlier instance left for the stream, and nobody adopted, is stopped first. */
    @Override
    public Running start(Job ladder, Listener listener) throws IOException {
        String stream = ladder.streamId();
        records.find(stream).ifPresent(leftover -> {
            LOG.warnf("stopping the ladder of stream %s left running (pid %d) before starting its own", stream,
                    leftover.process().pid());
            records.stop(leftover);
        });
        AtomicReference<FfmpegJob> self = new AtomicReference<>();
        FfmpegJob job = FfmpegJob.start(config.ffmpeg(), ladder.arguments(), label(stream), null, null, null,
                records.reports(stream), new LadderReports(listener, () -> forget(stream, self.get())));
        self.set(job);
        records.record(stream, job.handle(), Map.of(SESSION, ladder.sessionId()));
        return running(stream, job);
    }

    /** The ladder of the session left running by an earlier instance, if it still runs. */
    @Override
    public Optional<Running> adopt(String streamId, String sessionId, Listener listener) {
        return records.find(streamId).filter(found -> sessionId.equals(found.facts().get(SESSION)))
                .map(found -> running(streamId, FfmpegJob.adopt(found.process(), records.reports(streamId),
                        label(streamId), null, null,
                        new LadderReports(listener, () -> records.forget(streamId, found.process())))));
    }

    /** Stops the recorded ladders of streams not in {@code live} that nobody adopted. */
    @Override
    public void sweep(Set<String> live) {
        for (String stream : records.keys()) {
            if (live.contains(stream)) {
                continue;
            }
            records.find(stream).ifPresentOrElse(found -> {
                LOG.infof("stopping the ladder of stream %s (pid %d), which is not live any more", stream,
                        found.process().pid());
                records.stop(found);
            }, () -> records.forget(stream));
        }
    }

    private Running running(String stream, FfmpegJob job) {
        return new Running() {
            @Override
            public void stop() {
                job.stop();
                records.forget(stream, job.handle());
            }

            /** It runs on for the next instance to adopt. */
            @Override
            public void release() {
                job.release();
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

    /** Forgets the ladder's record if it is still {@code job}'s (a job that ended at once may not be known yet). */
    private void forget(String stream, FfmpegJob job) {
        if (job != null) {
            records.forget(stream, job.handle());
        }
    }

    private static String label(String stream) {
        return "ladder of stream " + stream;
    }
}
