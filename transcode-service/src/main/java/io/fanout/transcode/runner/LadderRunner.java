package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegProgress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Runs a ladder's one ffmpeg. The local implementation ({@link LocalLadderRunner}) runs it as a
 * child process; whoever calls decides when it starts, restarts and stops.
 */
public interface LadderRunner {

    /** What a running ladder reports, from the runner's own threads. */
    interface Listener {
        /** Encoded bytes reached the outputs. Called once per run. */
        void flowing();

        /** About once a second while it runs. */
        void progress(FfmpegProgress.Snapshot snapshot);

        /** The process ended without being asked to; {@code reason} is ffmpeg's last error line. */
        void ended(String reason);
    }

    /** One running ladder process. */
    interface Running {
        /** Asks it to finish and waits for it. */
        void stop();

        boolean isAlive();

        /** CPU time the process used so far, in seconds (0 when unknown). */
        double cpuSeconds();

        /** The operating system's process, when it runs on this machine. */
        default Optional<ProcessHandle> process() {
            return Optional.empty();
        }
    }

    /** Starts ffmpeg with {@code arguments} for {@code streamId}'s ladder. */
    Running start(String streamId, List<String> arguments, Listener listener) throws IOException;
}
