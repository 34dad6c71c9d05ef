package io.fanout.catalog.persistence;

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
import java.util.List;
import java.util.UUID;

/** The partners' destinations as publish-service announced them: owner, name and network only. */
@ApplicationScoped
public class DestinationRepository {

    /** A known destination. */
    public record Destination(UUID id, UUID partnerId, String name, String network) {
    }

    private final AgroalDataSource dataSource;

    public DestinationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores an announced destination; a repeated announcement changes nothing. */
    public void save(Destination d, Instant createdAt) {
        Jdbc.update(dataSource, "save destination", "INSERT INTO destination (id, partner_id, name, network, created_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", d.id(), d.partnerId(), d.name(), d.network(),
                createdAt);
    }

    /** The partner's destinations among {@code ids}; another partner's are left out. */
    public List<Destination> ofPartner(UUID partnerId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, name, network FROM destination WHERE partner_id = ? AND id = ANY (?)")) {
            s.setObject(1, partnerId);
            s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            List<Destination> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new Destination(r.getObject(1, UUID.class), partnerId, r.getString(2), r.getString(3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("find destinations", e);
        }
    }
}
