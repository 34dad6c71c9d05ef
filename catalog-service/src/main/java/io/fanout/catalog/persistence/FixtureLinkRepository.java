package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which match each upstream fixture made ({@code fixture_link}), the provider version applied last
 * and the fields the feed gave last. A cancellation of a fixture never seen leaves a link without a
 * match, so an older version arriving after it creates nothing.
 */
@ApplicationScoped
public class FixtureLinkRepository {

    /** One fixture's link to its match. */
    public record Link(UUID partnerId, String provider, String fixtureId, UUID matchId, long version, MatchFields lastFeed) {
    }

    private final AgroalDataSource dataSource;

    public FixtureLinkRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The fixture's link, locked for the rest of the transaction. */
    public Optional<Link> lock(UUID partnerId, String provider, String fixtureId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT match_id, "
                + "provider_version, feed_fields FROM fixture_link WHERE partner_id = ? AND provider = ? AND fixture_id = ? "
                + "FOR UPDATE")) {
            Jdbc.bind(s, partnerId, provider, fixtureId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Link(partnerId, provider, fixtureId, r.getObject(1, UUID.class),
                        r.getLong(2), JsonColumns.fields(r.getString(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("find fixture link", e);
        }
    }

    public void save(Link link) {
        Jdbc.update(dataSource, "save fixture link", "INSERT INTO fixture_link (partner_id, provider, fixture_id, match_id, "
                + "provider_version, feed_fields) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (partner_id, provider, "
                + "fixture_id) DO UPDATE SET provider_version = EXCLUDED.provider_version, feed_fields = COALESCE("
                + "EXCLUDED.feed_fields, fixture_link.feed_fields)", link.partnerId(), link.provider(), link.fixtureId(),
                link.matchId(), link.version(), JsonColumns.fields(link.lastFeed()));
    }
}
