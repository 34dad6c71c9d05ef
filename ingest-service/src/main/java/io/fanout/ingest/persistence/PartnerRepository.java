package io.fanout.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO partner (id, name, created_at) VALUES (?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, name);
            s.setTimestamp(3, Jdbc.timestamp(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("insert partner", e);
        }
    }

    public boolean partnerExists(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM partner WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find partner", e);
        }
    }

    public void insertCredential(UUID id, UUID partnerId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO api_credential (id, partner_id, created_at) VALUES (?, ?, ?)")) {
            s.setObject(1, id);
            s.setObject(2, partnerId);
            s.setTimestamp(3, Jdbc.timestamp(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("insert credential", e);
        }
    }

    /** Whether the credential exists for this partner and has not been revoked. */
    public boolean credentialActive(UUID id, UUID partnerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM api_credential WHERE id = ? AND partner_id = ? AND revoked_at IS NULL")) {
            s.setObject(1, id);
            s.setObject(2, partnerId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find credential", e);
        }
    }
}
