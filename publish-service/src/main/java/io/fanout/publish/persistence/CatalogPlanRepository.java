package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The latest destination plan of each catalogued match ({@code catalog_plan}). */
@ApplicationScoped
public class CatalogPlanRepository {

    /** A match's plan: its stream (null until assigned) and the destinations it is simulcast to. */
    public record PlanRow(String eventId, UUID partnerId, UUID streamId, List<UUID> destinationIds, long version,
            boolean cancelled) {
    }

    private static final String COLUMNS = "event_id, partner_id, stream_id, destination_ids, version, cancelled";

    private final AgroalDataSource dataSource;

    public CatalogPlanRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(PlanRow plan) {
        Jdbc.update(dataSource, "save catalog plan", "INSERT INTO catalog_plan (" + COLUMNS + ", updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET stream_id = EXCLUDED.stream_id, "
                + "destination_ids = EXCLUDED.destination_ids, version = EXCLUDED.version, cancelled = EXCLUDED.cancelled, "
                + "updated_at = EXCLUDED.updated_at", plan.eventId(), plan.partnerId(), plan.streamId(),
                plan.destinationIds().stream().map(UUID::toString).collect(Collectors.joining(",")), plan.version(),
                plan.cancelled(), Instant.now());
    }

    /** Replaces the broadcast titles the match's plan gives its destinations. */
    public void saveTitles(String eventId, Map<UUID, String> titles) {
        Jdbc.update(dataSource, "clear plan titles", "DELETE FROM catalog_plan_title WHERE event_id = ?", eventId);
        titles.forEach((destination, title) -> Jdbc.update(dataSource, "save plan title", "INSERT INTO catalog_plan_title "
                + "(event_id, destination_id, title) VALUES (?, ?, ?)", eventId, destination, title));
    }

    /** The broadcast title of a target a match's plan created (empty for the partner's own targets). */
    public Optional<String> broadcastTitle(UUID targetId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT p.title "
                + "FROM target t JOIN catalog_plan_title p ON p.event_id = t.match_event_id "
                + "AND p.destination_id = t.destination_id WHERE t.id = ?")) {
            Jdbc.bind(s, targetId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find broadcast title", e);
        }
    }

    /** The match's plan, locked for the rest of the transaction so its events apply one at a time. */
    public Optional<PlanRow> lock(String eventId) {
        return query("SELECT " + COLUMNS + " FROM catalog_plan WHERE event_id = ? FOR UPDATE", eventId).stream().findFirst();
    }

    /**
     * Holds the stream's plans still until the transaction ends, whether or not the stream is known
     * here yet (a PostgreSQL advisory lock on its id): a plan applied to the stream and the stream's
     * own arrival ({@code stream.created}) take it before they look at each other, so the later of
     * the two sees what the earlier committed.
     */
    public void lockStreamPlans(UUID streamId) {
        Jdbc.exists(dataSource, "lock stream plans", "SELECT 1 FROM pg_advisory_xact_lock(?)",
                streamId.getMostSignificantBits() ^ streamId.getLeastSignificantBits());
    }

    /** Which of these matches have a plan kept here (cancelled or not). */
    public Set<String> keptAmong(Collection<String> eventIds) {
        Set<String> kept = new HashSet<>();
        if (eventIds.isEmpty()) {
            return kept;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT event_id FROM catalog_plan WHERE event_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    kept.add(r.getString(1));
                }
            }
            return kept;
        } catch (SQLException e) {
            throw Jdbc.failure("find kept catalog plans", e);
        }
    }

    /** The plans, not cancelled, that name this stream. */
    public List<PlanRow> forStream(UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM catalog_plan WHERE stream_id = ? AND NOT cancelled", streamId);
    }

    private List<PlanRow> query(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameter);
            List<PlanRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String ids = r.getString("destination_ids");
                    rows.add(new PlanRow(r.getString("event_id"), r.getObject("partner_id", UUID.class),
                            r.getObject("stream_id", UUID.class), ids.isEmpty() ? List.of()
                                    : Arrays.stream(ids.split(",")).map(UUID::fromString).toList(),
                            r.getLong("version"), r.getBoolean("cancelled")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("read catalog plans", e);
        }
    }
}
