package io.fanout.ingest.service;

import io.fanout.ingest.edge.EdgeClient;
import io.fanout.ingest.edge.EdgeClient.EdgeStream;
import io.fanout.ingest.persistence.StreamRepository.LiveSession;
import io.fanout.servicekit.jdbc.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Holds the sessions the service believes live to what the edge really carries, every few seconds.
 * nginx-rtmp is known to lose {@code on_publish_done}: a live session the edge no longer carries is
 * treated as a lost encoder (interrupted, or ended without a reconnect window). A publisher the edge
 * carries for a stream that is not live (its drop failed) is dropped. On the way it records each
 * session's bytes and bitrate and ends sessions past their maximum duration. This is the only way a
 * live publisher is judged (the edge has no update hook that could cut it while this service is
 * away). When the edge does not answer, or the database does not, nothing is concluded: an outage
 * never cuts a broadcast.
 */
@ApplicationScoped
public class EdgeReconciler {

    /** The scheduled job's identity. */
    public static final String JOB = "edge-reconciler";
    private static final Logger LOG = Logger.getLogger(EdgeReconciler.class);

    private final EdgeClient edge;
    private final EdgeSessions sessions;

    public EdgeReconciler(EdgeClient edge, EdgeSessions sessions) {
        this.edge = edge;
        this.sessions = sessions;
    }

    @Scheduled(identity = EdgeReconciler.JOB, every = "${fanout.ingest.edge-poll-interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        Optional<Map<String, EdgeStream>> publishing = edge.publishing();
        if (publishing.isEmpty()) {
            return;
        }
        try {
            reconcile(publishing.get());
        } catch (RuntimeException e) {
            if (!Jdbc.unavailable(e)) {
                throw e;
            }
            LOG.warnf("database unavailable: nothing concluded from the edge, every live publisher kept (%s)",
                    e.getMessage());
        }
    }

    private void reconcile(Map<String, EdgeStream> onEdge) {
        List<LiveSession> live = sessions.liveSessions();
        Set<String> liveNames = new HashSet<>();
        for (LiveSession session : live) {
            String name = session.streamId().toString();
            liveNames.add(name);
            EdgeStream carried = onEdge.get(name);
            if (carried == null) {
                sessions.encoderVanished(session.streamId(), session.sessionId());
                continue;
            }
            sessions.recordTraffic(session.sessionId(), carried.bytesIn(), carried.bitrateKbps());
            sessions.endIfTooLong(session.streamId(), session.sessionId());
        }
        for (EdgeStream carried : onEdge.values()) {
            if (!liveNames.contains(carried.name()) && carried.age().compareTo(sessions.grace()) > 0) {
                LOG.warnf("the edge carries %s, which is not live: dropping its publisher", carried.name());
                edge.dropPublisher(carried.name());
            }
        }
    }
}
