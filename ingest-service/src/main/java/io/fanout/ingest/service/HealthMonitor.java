package io.fanout.ingest.service;

import io.fanout.contracts.stream.StreamHealth;
import io.fanout.ingest.domain.IngestHealth;
import io.fanout.ingest.edge.EdgeClient;
import io.fanout.ingest.edge.EdgeClient.EdgeStream;
import io.fanout.ingest.edge.EdgeProbe;
import io.fanout.ingest.persistence.StreamRepository.LiveSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Measures every live stream's ingest every {@code fanout.ingest.health-interval} and reports it as
 * {@code stream.health} on {@code stream-health} (through the outbox). Only sessions the edge's
 * statistics show as published are probed (without the edge nothing is); at most one probe per stream
 * runs at a time; probes run on their own small pool so a slow edge never holds the scheduler.
 */
@ApplicationScoped
public class HealthMonitor {

    /** The probing job's identity, for pausing it. */
    public static final String JOB = "health-monitor";
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);
    private static final int PROBES = 8;

    private final EdgeSessions sessions;
    private final EdgeProbe probe;
    private final EdgeClient edge;
    private final Set<UUID> probing = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool = Executors.newFixedThreadPool(PROBES, r -> {
        Thread thread = new Thread(r, "health-probe");
        thread.setDaemon(true);
        return thread;
    });

    public HealthMonitor(EdgeSessions sessions, EdgeProbe probe, EdgeClient edge) {
        this.sessions = sessions;
        this.probe = probe;
        this.edge = edge;
    }

    @Scheduled(identity = HealthMonitor.JOB, every = "${fanout.ingest.health-interval:10s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeLiveStreams() {
        List<LiveSession> live = sessions.liveSessions();
        if (live.isEmpty()) {
            return;
        }
        // Only what the edge really carries is probed: a stream live in the database a moment before
        // the edge has it (or after it lost it) is not worth a process.
        Map<String, EdgeStream> onEdge = edge.publishing().orElse(Map.of());
        for (LiveSession session : live) {
            EdgeStream carried = onEdge.get(session.streamId().toString());
            if (carried != null && probing.add(session.streamId())) {
                try {
                    pool.execute(() -> measure(session, carried));
                } catch (RejectedExecutionException e) {
                    probing.remove(session.streamId());
                }
            }
        }
    }

    private void measure(LiveSession session, EdgeStream carried) {
        try {
            Optional<IngestHealth> health = probe.measure(carried);
            health.ifPresent(h -> sessions.reportHealth(session.sessionId(), new StreamHealth(session.streamId().toString(),
                    session.partnerId().toString(), session.sessionId().toString(), Instant.now(), h.videoCodec(),
                    h.audioCodec(), h.width(), h.height(), h.fps(), h.bitrateKbps(), h.keyframeIntervalSeconds(),
                    h.warnings())));
        } catch (RuntimeException e) {
            LOG.warnf("health of stream %s not reported: %s", session.streamId(), e.toString());
        } finally {
            probing.remove(session.streamId());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
