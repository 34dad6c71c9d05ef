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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The upstream providers each partner authorised to feed its catalog ({@code feed}). */
@ApplicationScoped
public class FeedRepository {

    /** One authorisation. */
    public record Feed(String provider, Instant authorisedAt) {
    }

    private final AgroalDataSource dataSource;

    public FeedRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Authorises the provider; returns false when it already was. */
    public boolean authorise(UUID partnerId, String provider, Instant at) {
        return Jdbc.update(dataSource, "authorise feed", "INSERT INTO feed (partner_id, provider, authorised_at) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", partnerId, provider, at) > 0;
    }

    public Optional<Feed> find(UUID partnerId, String provider) {
        return feeds("SELECT provider, authorised_at FROM feed WHERE partner_id = ? AND provider = ?", partnerId, provider)
                .stream().findFirst();
    }

    public boolean revoke(UUID partnerId, String provider) {
        return Jdbc.update(dataSource, "revoke feed", "DELETE FROM feed WHERE partner_id = ? AND provider = ?",
                partnerId, provider) > 0;
    }

    /** Which of these partner and provider pairs are authorised ({@code partnerId + " " + provider}). */
    public Set<String> authorisedAmong(Collection<UUID> partnerIds, Collection<String> providers) {
        Set<String> authorised = new HashSet<>();
        if (partnerIds.isEmpty()) {
            return authorised;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT partner_id, provider FROM feed WHERE partner_id = ANY (?) AND provider = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", partnerIds.toArray()));
            s.setArray(2, c.createArrayOf("text", providers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    authorised.add(r.getObject(1, UUID.class) + " " + r.getString(2));
                }
            }
            return authorised;
        } catch (SQLException e) {
            throw Jdbc.failure("check feeds", e);
        }
    }

    public List<Feed> list(UUID partnerId) {
        return feeds("SELECT provider, authorised_at FROM feed WHERE partner_id = ? ORDER BY provider", partnerId);
    }

    private List<Feed> feeds(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, parameters);
            List<Feed> feeds = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    feeds.add(new Feed(r.getString(1), Jdbc.instant(r.getTimestamp(2))));
                }
            }
            return feeds;
        } catch (SQLException e) {
            throw Jdbc.failure("read feeds", e);
        }
    }
}
