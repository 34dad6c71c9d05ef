package io.fanout.servicekit.outbox;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import io.fanout.servicekit.jdbc.Jdbc;
import io.fanout.servicekit.messaging.EventTracing;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox (table {@code outbox}, created by each service's own migration with the
 * columns below). {@link #append} runs in the transaction of the state change it
 * describes; the relay takes pending rows with {@code FOR UPDATE SKIP LOCKED} (so two relays never
 * send the same row at once), sends them and marks them published in its own transaction; the commit
 * of an append wakes it ({@link OutboxSignal}). Each row
 * keeps the trace context of the change it describes ({@link EventTracing}).
 */
@ApplicationScoped
@IfBuildProperty(name = "fanout.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRepository {

    /** An event waiting to be relayed, as stored. */
    public record Pending(long id, String topic, String key, UUID ceId, String ceType, Instant ceTime, byte[] payload,
            String traceparent) {
    }

    private final AgroalDataSource dataSource;
    private final OutboxSignal signal;

    public OutboxRepository(AgroalDataSource dataSource, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.signal = signal;
    }

    public void append(FanoutEvent event) {
        appendAll(List.of(event));
    }

    /** Appends events in order with one batched statement (a consumer applying a poll of records at once). */
    public void appendAll(List<? extends FanoutEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO outbox "
                + "(topic, message_key, ce_id, ce_type, ce_time, payload, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            String traceparent = EventTracing.currentTraceparent();
            for (FanoutEvent event : events) {
                EventType type = EventType.of(event);
                Jdbc.bind(s, type.topic(), event.aggregateId(), UUID.randomUUID(), type.ceType(), event.occurredAt(),
                        Json.writeValid(event), traceparent);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("append to outbox", e);
        }
        signal.appended();
    }

    /** What waits to be relayed: how many events, and when the oldest of them happened (null: none). */
    public record Backlog(long events, Instant oldest) {
    }

    public Backlog backlog() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*), min(ce_time) FROM outbox WHERE published_at IS NULL");
                ResultSet rows = s.executeQuery()) {
            rows.next();
            return new Backlog(rows.getLong(1), Jdbc.instant(rows.getTimestamp(2)));
        } catch (SQLException e) {
            throw Jdbc.failure("read outbox backlog", e);
        }
    }

    /** Up to {@code limit} unpublished events in the order they were written, locked. */
    public List<Pending> lockPending(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, topic, message_key, ce_id, ce_type, ce_time, payload, "
                        + "traceparent FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setInt(1, limit);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getLong("id"), rows.getString("topic"), rows.getString("message_key"),
                            rows.getObject("ce_id", UUID.class), rows.getString("ce_type"),
                            Jdbc.instant(rows.getTimestamp("ce_time")), rows.getBytes("payload"),
                            rows.getString("traceparent")));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw Jdbc.failure("read outbox", e);
        }
    }

    public void markPublished(List<Pending> sent, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ?")) {
            for (Pending event : sent) {
                s.setTimestamp(1, Jdbc.timestamp(at));
                s.setLong(2, event.id());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("mark outbox published", e);
        }
    }
}
