package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.publish.domain.PushState;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code push} table: the push of each target in each stream session (state, attempt, reason,
 * preflight violations, when it first broadcast). Callers run it inside a transaction.
 */
@ApplicationScoped
public class PushRepository {

    /** A push's state and attempt; {@code reason} why it came to this state (null: the last reason stays). */
    public record PushRecord(UUID targetId, UUID sessionId, PushState state, int attempt, String reason) {

        public PushRecord(UUID targetId, UUID sessionId, PushState state, int attempt) {
            this(targetId, sessionId, state, attempt, null);
        }
    }

    /**
     * A push that should be running: active, of an enabled target, in its stream's live session.
     * {@code sourcesVersion} is its stream's ({@link StreamRepository#sourcesChanged}).
     */
    public record ActivePush(UUID targetId, UUID sessionId, UUID streamId, PushState state, Instant updatedAt,
            long sourcesVersion) {
    }

    /** A count of pushes in live sessions, by state and network. */
    public record PushCount(PushState state, String network, long count) {
    }

    private final AgroalDataSource dataSource;

    public PushRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The push of a target in a session, locked for the rest of the transaction, if there is one. */
    public Optional<PushRecord> lock(UUID targetId, UUID sessionId) {
        return Jdbc.list(dataSource, "find push", "SELECT state, attempt FROM push WHERE target_id = ? AND session_id = ? "
                + "FOR UPDATE", r -> new PushRecord(targetId, sessionId, PushState.valueOf(r.getString(1)), r.getInt(2)),
                targetId, sessionId).stream().findFirst();
    }

    /** Since when the push has been on air (broadcasting, or degraded), if it is. */
    public Optional<Instant> broadcastingSince(UUID targetId, UUID sessionId) {
        return Jdbc.list(dataSource, "find broadcast", "SELECT updated_at FROM push WHERE target_id = ? AND session_id = ? "
                + "AND state IN ('BROADCASTING', 'DEGRADED')", r -> Jdbc.instant(r.getTimestamp(1)), targetId, sessionId)
                .stream().findFirst();
    }

    /** The target's push in the session if it is active (starting, broadcasting or retrying), locked. */
    public Optional<PushRecord> lockActive(UUID targetId, UUID sessionId) {
        return lock(targetId, sessionId).filter(p -> p.state().isActive());
    }

    /**
     * Saves the push's state as of {@code at}. A new attempt ({@code STARTING}) starts its progress
     * from zero; a push that is not broadcasting has no bitrate.
     */
    public void save(PushRecord push, Instant at) {
        Jdbc.update(dataSource, "save push", "INSERT INTO push (target_id, session_id, state, attempt, updated_at, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_id, session_id) DO UPDATE SET state = EXCLUDED.state, "
                + "attempt = EXCLUDED.attempt, updated_at = EXCLUDED.updated_at, "
                + "reason = COALESCE(EXCLUDED.reason, push.reason), "
                + "bytes_sent = CASE WHEN EXCLUDED.state = 'STARTING' THEN 0 ELSE push.bytes_sent END, "
                + "bitrate_kbps = CASE WHEN EXCLUDED.state IN ('BROADCASTING', 'DEGRADED') THEN push.bitrate_kbps "
                + "ELSE 0 END",
                push.targetId(), push.sessionId(), push.state().name(), push.attempt(), at, push.reason());
    }

    /** The push's preflight violations as stored (a JSON array), empty when it has none or no push exists. */
    public String preflight(UUID targetId, UUID sessionId) {
        return Jdbc.list(dataSource, "read preflight", "SELECT preflight FROM push WHERE target_id = ? AND session_id = ?",
                r -> r.getString(1), targetId, sessionId).stream().findFirst().orElse("[]");
    }

    public void setPreflight(UUID targetId, UUID sessionId, String violations) {
        Jdbc.update(dataSource, "save preflight", "UPDATE push SET preflight = ? WHERE target_id = ? AND session_id = ?",
                violations, targetId, sessionId);
    }

    /**
     * Marks the push's first broadcast in its session; returns when its go-live began (the later of
     * the session's start and the push's first plan), or empty if it had broadcast before.
     */
    public Optional<Instant> firstBroadcast(UUID targetId, UUID sessionId, Instant at) {
        return Jdbc.list(dataSource, "mark first broadcast", "UPDATE push p SET first_broadcast_at = ? FROM target t, "
                + "stream s WHERE t.id = p.target_id AND s.id = t.stream_id AND p.target_id = ? AND p.session_id = ? "
                + "AND p.first_broadcast_at IS NULL RETURNING greatest(s.session_started_at, p.created_at)",
                r -> Jdbc.instant(r.getTimestamp(1)), at, targetId, sessionId).stream().filter(Objects::nonNull).findFirst();
    }

    /** The pushes of every stream's live session, counted by state and network. */
    public List<PushCount> countLive() {
        return Jdbc.list(dataSource, "count pushes", "SELECT p.state, d.network, count(*) FROM push p "
                + "JOIN target t ON t.id = p.target_id JOIN stream s ON s.id = t.stream_id "
                + "JOIN destination d ON d.id = t.destination_id WHERE s.state = 'LIVE' AND s.session_id = p.session_id "
                + "GROUP BY p.state, d.network", r -> new PushCount(PushState.valueOf(r.getString(1)), r.getString(2),
                        r.getLong(3)));
    }

    /** Every push that should be running now, across all streams. */
    public List<ActivePush> active() {
        return Jdbc.list(dataSource, "list active pushes", "SELECT p.target_id, p.session_id, t.stream_id, p.state, "
                + "p.updated_at, s.sources_version FROM push p JOIN target t ON t.id = p.target_id "
                + "JOIN stream s ON s.id = t.stream_id WHERE p.state IN ('STARTING', 'BROADCASTING', 'DEGRADED', 'RETRYING') "
                + "AND t.enabled AND s.state = 'LIVE' AND s.session_id = p.session_id",
                r -> new ActivePush(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                        PushState.valueOf(r.getString(4)), Jdbc.instant(r.getTimestamp(5)), r.getLong(6)));
    }
}
