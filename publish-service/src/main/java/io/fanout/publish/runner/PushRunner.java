package io.fanout.publish.runner;

import java.util.UUID;

/**
 * Runs pushes. Implementations: local ffmpeg processes ({@link LocalPushRunner}, the default) and
 * Kubernetes pods ({@link KubernetesPushRunner}). At most one push runs per target.
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

    /**
     * Takes over a push of this target and session that an earlier instance of the service left
     * running (a pod), reporting its progress and end to {@code listener} from now on; false when
     * there is none to adopt (local processes are never adopted: see LocalPushRunner).
     */
    default boolean adopt(PushSpec push, Listener listener) {
        return false;
    }

    /** Starts the push unless one already runs for its target; returns whether it started one. */
    boolean start(PushSpec push, Listener listener);

    /**
     * This instance no longer owns the target's stream: stop supervising its push. A push another
     * instance can adopt (a pod) keeps running for it; a local process is stopped.
     */
    default void release(UUID targetId) {
        stop(targetId);
    }

    /**
     * Stops pushes of owned streams that are not among {@code activeTargets} and that this instance
     * does not supervise (left by an earlier instance for pushes that ended meanwhile).
     */
    default void sweep(java.util.function.Predicate<UUID> ownedStreams, java.util.Set<UUID> activeTargets) {
    }

    /** Stops the target's push, if one runs, and waits for it to end. */
    void stop(UUID targetId);

    boolean isRunning(UUID targetId);

    /**
     * Whether the runner keeps armed pushes ({@link PushSpec#armed}) waiting for their stream: local
     * processes cost little while they wait; a pod each would hold a node's resources.
     */
    default boolean canArm() {
        return false;
    }
}
