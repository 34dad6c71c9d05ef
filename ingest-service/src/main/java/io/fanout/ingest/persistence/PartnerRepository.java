package io.fanout.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Partners and the ids of their API credentials. Callers run it inside a transaction. */
@ApplicationScoped
public class PartnerRepository {

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

    public void insertCredential(UUID id, UUID partnerId, Instant at) {
        Jdbc.update(dataSource, "insert credential",
                "INSERT INTO api_credential (id, partner_id, created_at) VALUES (?, ?, ?)", id, partnerId, at);
    }

    /** Whether the credential exists for this partner and has not been revoked. */
    public boolean credentialActive(UUID id, UUID partnerId) {
        return Jdbc.exists(dataSource, "find credential",
                "SELECT 1 FROM api_credential WHERE id = ? AND partner_id = ? AND revoked_at IS NULL", id, partnerId);
    }
}
