package io.fanout.ingest.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Ends interrupted sessions once their reconnect window has passed. It reads the deadlines from the
 * database every second, so a window that was open when the service stopped (or was killed) is
 * still closed on time by the next instance that runs.
 */
@ApplicationScoped
public class ReconnectWindowSweep {

    private static final int BATCH = 100;

    private final EdgeSessions sessions;

    public ReconnectWindowSweep(EdgeSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "${fanout.ingest.reconnect-sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void endExpiredWindows() {
        while (sessions.endExpiredWindows(Instant.now(), BATCH) == BATCH) {
            // a full batch: more may be waiting
        }
    }
}
