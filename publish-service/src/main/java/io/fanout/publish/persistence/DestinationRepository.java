package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.push.Network;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Partners' destinations. Every read is scoped to a partner. Callers run it inside a transaction. */
@ApplicationScoped
public class DestinationRepository {

    private static final String COLUMNS = "id, partner_id, name, network, ingest_url, key_ciphertext, key_id, created_at, "
            + "retry_max_attempts, retry_max_delay_ms, account_id, token_ciphertext, max_video_height";

    private final AgroalDataSource dataSource;

    public DestinationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(DestinationRow d) {
        Jdbc.update(dataSource, "insert destination", "INSERT INTO destination (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.partnerId(), d.name(), d.network().name(),
                d.ingestUrl(), d.keyCiphertext(), d.keyId(), d.createdAt(), d.retryMaxAttempts(), millis(d.retryMaxDelay()),
                d.accountId(), d.tokenCiphertext(), d.maxVideoHeight());
    }

    /**
     * Replaces the destination's credentials (a network issued a new refresh token), encrypted under
     * {@code keyId}, which both ciphertexts then share.
     */
    public void updateCredentials(UUID partnerId, UUID id, byte[] tokenCiphertext, byte[] keyCiphertext, String keyId) {
        Jdbc.update(dataSource, "update destination credentials", "UPDATE destination SET token_ciphertext = ?, "
                + "key_ciphertext = ?, key_id = ? WHERE partner_id = ? AND id = ?", tokenCiphertext, keyCiphertext, keyId,
                partnerId, id);
    }

    /** Sets the destination's own retry policy (nulls: the service's default). */
    public void updateRetry(DestinationRow d) {
        Jdbc.update(dataSource, "update destination retry policy",
                "UPDATE destination SET retry_max_attempts = ?, retry_max_delay_ms = ? WHERE partner_id = ? AND id = ?",
                d.retryMaxAttempts(), millis(d.retryMaxDelay()), d.partnerId(), d.id());
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    public Optional<DestinationRow> find(UUID partnerId, UUID id) {
        List<DestinationRow> found = query("SELECT " + COLUMNS + " FROM destination WHERE partner_id = ? AND id = ?",
                partnerId, id);
        return found.stream().findFirst();
    }

    public List<DestinationRow> list(UUID partnerId) {
        return query("SELECT " + COLUMNS + " FROM destination WHERE partner_id = ? ORDER BY created_at, id", partnerId);
    }

    private List<DestinationRow> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            List<DestinationRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new DestinationRow(r.getObject("id", UUID.class), r.getObject("partner_id", UUID.class),
                            r.getString("name"), Network.valueOf(r.getString("network")), r.getString("ingest_url"),
                            r.getBytes("key_ciphertext"), r.getString("key_id"), Jdbc.instant(r.getTimestamp("created_at")),
                            r.getObject("retry_max_attempts", Integer.class),
                            Optional.ofNullable(r.getObject("retry_max_delay_ms", Long.class)).map(Duration::ofMillis)
                                    .orElse(null),
                            r.getString("account_id"), r.getBytes("token_ciphertext"),
                            r.getObject("max_video_height", Integer.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("read destinations", e);
        }
    }
}
