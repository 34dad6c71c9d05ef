package io.fanout.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Partners and the ids of their API credentials. Callers run it inside a transaction. */
@ApplicationScoped
public class PartnerRepository {

    /** A credential as kept: never its token. */
    public record CredentialRow(UUID id, UUID partnerId, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    private static final String CREDENTIAL_COLUMNS = "id, partner_id, created_at, expires_at, revoked_at";

    private final AgroalDataSource dataSource;

    public PartnerRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insertPartner(UUID id, String name, Instant at) {
        Jdbc.update(dataSource, "insert partner", "INSERT INTO partner (id, name, created_at) VALUES (?, ?, ?)",
                id, name, at);
    }

    public boolean partnerExists(UUID id) {
        return Jdbc.exists(dataSource, "find partner", "SELECT 1 FROM partner WHERE id = ?", id);
    }

    public void insertCredential(UUID id, UUID partnerId, Instant at, Instant expiresAt) {
        Jdbc.update(dataSource, "insert credential",
                "INSERT INTO api_credential (id, partner_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                id, partnerId, at, expiresAt);
    }

    /** The partner's credentials, newest first, revoked ones included. */
    public List<CredentialRow> credentials(UUID partnerId) {
        return Jdbc.list(dataSource, "list credentials", "SELECT " + CREDENTIAL_COLUMNS
                + " FROM api_credential WHERE partner_id = ? ORDER BY created_at DESC, id", PartnerRepository::credential,
                partnerId);
    }

    /**
     * Marks the partner's credential revoked, once: the row as it now is, or empty when the partner
     * has no such credential or it was revoked before.
     */
    public Optional<CredentialRow> revoke(UUID id, UUID partnerId, Instant at) {
        return Jdbc.list(dataSource, "revoke credential", "UPDATE api_credential SET revoked_at = ? "
                + "WHERE id = ? AND partner_id = ? AND revoked_at IS NULL RETURNING " + CREDENTIAL_COLUMNS,
                PartnerRepository::credential, at, id, partnerId).stream().findFirst();
    }

    private static CredentialRow credential(ResultSet row) throws SQLException {
        return new CredentialRow(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                Jdbc.instant(row.getTimestamp(3)), Jdbc.instant(row.getTimestamp(4)), Jdbc.instant(row.getTimestamp(5)));
    }

    /** Whether the credential exists for this partner and has not been revoked. */
    public boolean credentialActive(UUID id, UUID partnerId) {
        return Jdbc.exists(dataSource, "find credential",
                "SELECT 1 FROM api_credential WHERE id = ? AND partner_id = ? AND revoked_at IS NULL", id, partnerId);
    }
}
