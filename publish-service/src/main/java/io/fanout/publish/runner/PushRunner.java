package io.fanout.publish.runner;

import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

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
     * Takes over a push of this target and session that another instance of the service (or an
     * earlier one) left running, reporting its progress and end to {@code listener} from now on;
     * false when there is none to adopt.
     */
    boolean adopt(PushSpec push, Listener listener);

    /** An armed push of the target now runs as the session's push {@code as} (it was claimed). */
    default void claimed(PushSpec as) {
    }

    /** Starts the push unless one already runs for its target; returns whether it started one. */
    boolean start(PushSpec push, Listener listener);

    /**
     * This instance no longer owns the target's stream: stop supervising its push, which keeps
     * running for the stream's new owner to adopt.
     */
    void release(UUID targetId);

    /**
     * Stops pushes of owned streams that are not among {@code activeTargets} and that this instance
     * does not supervise (left by an earlier instance for pushes that ended meanwhile).
     */
    void sweep(Predicate<UUID> ownedStreams, Set<UUID> activeTargets);

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
