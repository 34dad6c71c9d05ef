package io.fanout.publish.runner;

import java.util.UUID;

/**
 * Runs pushes. Implementations: local ffmpeg processes ({@link LocalPushRunner}, the default);
 * Kubernetes pods come with issue 5. At most one push runs per target.
 */
public interface PushRunner {

    /** What a runner tells about a push it runs. */
    interface Listener {
        /** Media is reaching the destination (ffmpeg reports bytes written). Called once per run. */
        void broadcasting(PushSpec push);

        /** Bytes written to the destination by this run so far (about once a second). */
        default void progress(PushSpec push, long totalBytes) {
        }

        /** The push ended without being asked to; {@code reason} is safe to log (secrets redacted). */
        void broke(PushSpec push, String reason);
    }

    /** Starts the push unless one already runs for its target; returns whether it started one. */
    boolean start(PushSpec push, Listener listener);

    /** Stops the target's push, if one runs, and waits for it to end. */
    void stop(UUID targetId);

    boolean isRunning(UUID targetId);
}
