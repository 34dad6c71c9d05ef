package io.fanout.transcode.service;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.runner.LadderRunner;

/**
 * The ladder of one stream's current session, as {@link LadderSupervisor} keeps it. Every change
 * happens under the supervisor's lock. {@code generation} grows with every launch, so reports of a
 * process that was replaced or stopped are recognised and ignored.
 */
final class LiveLadder {

    /** Where the session is. */
    enum Phase {
        /** The encoder publishes: the ladder runs, and is restarted if it dies. */
        LIVE,
        /** The encoder is gone inside its reconnect window: nothing is restarted until it is back. */
        WAITING_FOR_SOURCE,
        /** Restarts ran out ({@code ladder.failed}); the next resume or session tries again. */
        FAILED,
        /** The session ended. */
        ENDED
    }

    final String streamId;
    final String partnerId;
    final String sessionId;
    final LadderSetting mode;
    /** The session is kept as a recording. */
    final boolean record;
    Phase phase = Phase.LIVE;
    long generation;
    LadderRunner.Running process;
    LadderPlan plan;
    int attempts;
    /** When the running process's bytes began to flow ({@link System#nanoTime}), 0 before. */
    long flowingSince;
    /** The live directory still holds an earlier session's files: cleared before the first launch. */
    boolean fresh = true;

    LiveLadder(String streamId, String partnerId, String sessionId, LadderSetting mode, boolean record) {
        this.streamId = streamId;
        this.partnerId = partnerId;
        this.sessionId = sessionId;
        this.mode = mode;
        this.record = record && mode != LadderSetting.NONE;
    }

    boolean isCurrent(long launch) {
        return generation == launch && phase == Phase.LIVE;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }
}
