package io.fanout.publish.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.ConnectionStatus;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Partners' account connections. Reads by id are scoped to a partner; the callback finds its row by the state's hash. */
@ApplicationScoped
public class ConnectionRepository {

    private static final String COLUMNS = "id, partner_id, network, name, account_id, ingest_url, key_ciphertext, "
            + "max_video_height, verifier_ciphertext, key_id, status, reason, destination_id, created_at, expires_at, "
            + "finished_at";

    private final AgroalDataSource dataSource;

    public ConnectionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(ConnectionRow c, byte[] stateHash) {
        Jdbc.update(dataSource, "insert account connection", "INSERT INTO account_connection (" + COLUMNS
                + ", state_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.partnerId(),
                c.network().name(), c.name(), c.accountId(), c.ingestUrl(), c.keyCiphertext(), c.maxVideoHeight(),
                c.verifierCiphertext(), c.keyId(), c.status().name(), c.reason(), c.destinationId(), c.createdAt(),
                c.expiresAt(), c.finishedAt(), stateHash);
    }

    /**
     * Uses up the state: the pending, unexpired connection it names moves to {@code EXCHANGING} in one
     * statement, so of two callbacks with one state at most one gets the row.
     */
    public Optional<ConnectionRow> claim(byte[] stateHash, Instant now) {
        return Jdbc.list(dataSource, "claim account connection", "UPDATE account_connection SET status = 'EXCHANGING' "
                + "WHERE state_hash = ? AND status = 'PENDING' AND expires_at >= ? RETURNING " + COLUMNS,
                ConnectionRepository::read, stateHash, now).stream().findFirst();
    }

    /** The connection a state names, whatever its status (to say why a callback was refused). */
    public Optional<ConnectionRow> byState(byte[] stateHash) {
        return Jdbc.list(dataSource, "read account connection", "SELECT " + COLUMNS
                + " FROM account_connection WHERE state_hash = ?", ConnectionRepository::read, stateHash).stream().findFirst();
    }

    /** Records how a connection ended; the verifier and stream key are dropped, being of no further use. */
    public ConnectionRow finish(ConnectionRow row, ConnectionStatus status, String reason, UUID destinationId,
            Instant at) {
        Jdbc.update(dataSource, "finish account connection", "UPDATE account_connection SET status = ?, reason = ?, "
                + "destination_id = ?, finished_at = ?, verifier_ciphertext = ''::bytea, key_ciphertext = NULL "
                + "WHERE id = ?", status.name(), reason, destinationId, at, row.id());
        return row.finished(status, reason, destinationId, at);
    }

    public Optional<ConnectionRow> find(UUID partnerId, UUID id) {
        return Jdbc.list(dataSource, "read account connection", "SELECT " + COLUMNS
                + " FROM account_connection WHERE partner_id = ? AND id = ?", ConnectionRepository::read, partnerId, id)
                .stream().findFirst();
    }

    public List<ConnectionRow> list(UUID partnerId) {
        return Jdbc.list(dataSource, "read account connections", "SELECT " + COLUMNS
                + " FROM account_connection WHERE partner_id = ? ORDER BY created_at, id", ConnectionRepository::read,
                partnerId);
    }

    private static ConnectionRow read(ResultSet r) throws SQLException {
        return new ConnectionRow(r.getObject("id", UUID.class), r.getObject("partner_id", UUID.class),
                Network.valueOf(r.getString("network")), r.getString("name"), r.getString("account_id"),
                r.getString("ingest_url"), r.getBytes("key_ciphertext"), r.getObject("max_video_height", Integer.class),
                r.getBytes("verifier_ciphertext"), r.getString("key_id"), ConnectionStatus.valueOf(r.getString("status")),
                r.getString("reason"), r.getObject("destination_id", UUID.class), Jdbc.instant(r.getTimestamp("created_at")),
                Jdbc.instant(r.getTimestamp("expires_at")), Jdbc.instant(r.getTimestamp("finished_at")));
    }
}
