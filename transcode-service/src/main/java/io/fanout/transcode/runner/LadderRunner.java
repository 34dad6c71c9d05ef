package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegProgress;
import io.fanout.transcode.domain.LadderResources;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a ladder's one ffmpeg, on the same mechanics as publish-service's pushes: a local process
 * ({@link LocalLadderRunner}, the default) or a Kubernetes pod ({@link KubernetesLadderRunner}),
 * either of which outlives the instance that started it. Whoever calls decides when a ladder starts,
 * restarts and stops.
 */
public interface LadderRunner {

    /** One session's ladder: ffmpeg's arguments and what it needs to run in realtime. */
    record Job(String streamId, String sessionId, List<String> arguments, LadderResources resources) {
    }

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

        /** This instance stops supervising it: it runs on for the next instance to adopt. */
        void release();

        boolean isAlive();

        /** CPU time the process used so far, in seconds (0 when unknown). */
        double cpuSeconds();
    }

    /** Starts the job's ffmpeg; a ladder of the same session already running (a pod) is adopted instead. */
    Running start(Job job, Listener listener) throws IOException;

    /**
     * Takes over the ladder of {@code sessionId} that an earlier instance of the service left
     * running; empty when there is none to adopt (the caller starts the ladder anew).
     */
    Optional<Running> adopt(String streamId, String sessionId, Listener listener);

    /** Stops ladders left running for streams not in {@code live} (they ended while no instance watched). */
    void sweep(Set<String> live);
}
