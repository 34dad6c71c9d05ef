package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code target} table: the destinations each stream is simulcast to, added by the partner or by
 * a catalog match's plan. Callers run it inside a transaction.
 */
@ApplicationScoped
public class TargetRepository {

    private final AgroalDataSource dataSource;

    public TargetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(TargetRow t) {
        Jdbc.update(dataSource, "insert target", "INSERT INTO target (id, partner_id, stream_id, destination_id, "
                + "enabled, created_at, match_event_id) VALUES (?, ?, ?, ?, ?, ?, ?)", t.id(), t.partnerId(), t.streamId(),
                t.destinationId(), t.enabled(), t.createdAt(), t.matchEventId());
    }

    public boolean exists(UUID streamId, UUID destinationId) {
        return Jdbc.exists(dataSource, "find target", "SELECT 1 FROM target WHERE stream_id = ? AND destination_id = ?",
                streamId, destinationId);
    }

    /** The stream's targets (only the enabled ones, if asked), oldest first. */
    public List<TargetRow> of(UUID streamId, boolean enabledOnly) {
        return Jdbc.list(dataSource, "list targets", "SELECT " + TargetRow.COLUMNS + " FROM target WHERE stream_id = ?"
                + (enabledOnly ? " AND enabled" : "") + " ORDER BY created_at, id", TargetRow::read, streamId);
    }

    /** The stream's target with this id, if there is one. */
    public Optional<TargetRow> find(UUID streamId, UUID targetId) {
        return Jdbc.list(dataSource, "find target", "SELECT " + TargetRow.COLUMNS + " FROM target WHERE stream_id = ? "
                + "AND id = ?", TargetRow::read, streamId, targetId).stream().findFirst();
    }

    public void setEnabled(UUID targetId, boolean enabled) {
        Jdbc.update(dataSource, "enable target", "UPDATE target SET enabled = ? WHERE id = ?", enabled, targetId);
    }

    /** Removes the target (its pushes first: their rows refer to it). */
    public void delete(UUID targetId) {
        Jdbc.update(dataSource, "delete pushes", "DELETE FROM push WHERE target_id = ?", targetId);
        Jdbc.update(dataSource, "delete target", "DELETE FROM target WHERE id = ?", targetId);
    }
}
