package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

        public Key key() {
            return new Key(partnerId, provider, fixtureId);
        }
    }

    /** A fixture of a partner from a provider. */
    public record Key(UUID partnerId, String provider, String fixtureId) {
    }

    private final AgroalDataSource dataSource;

    public FixtureLinkRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The links of these fixtures (those that have one), locked for the rest of the transaction. */
    public Map<Key, Link> lockAll(Collection<Key> keys) {
        Map<Key, Link> links = new HashMap<>();
        if (keys.isEmpty()) {
            return links;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT l.partner_id, "
                + "l.provider, l.fixture_id, l.match_id, l.provider_version, l.feed_fields FROM fixture_link l "
                + "JOIN unnest(?, ?, ?) AS k (partner_id, provider, fixture_id) USING (partner_id, provider, fixture_id) "
                + "ORDER BY l.partner_id, l.provider, l.fixture_id FOR UPDATE OF l")) {
            s.setArray(1, c.createArrayOf("uuid", keys.stream().map(Key::partnerId).toArray()));
            s.setArray(2, c.createArrayOf("text", keys.stream().map(Key::provider).toArray()));
            s.setArray(3, c.createArrayOf("text", keys.stream().map(Key::fixtureId).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Link link = new Link(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getObject(4, UUID.class), r.getLong(5), JsonColumns.fields(r.getString(6)));
                    links.put(link.key(), link);
                }
            }
            return links;
        } catch (SQLException e) {
            throw Jdbc.failure("find fixture links", e);
        }
    }

    /** Stores links with one batched statement; a link without fields keeps the fields it had. */
    public void saveAll(Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO fixture_link "
                + "(partner_id, provider, fixture_id, match_id, provider_version, feed_fields) VALUES (?, ?, ?, ?, ?, "
                + "CAST(? AS jsonb)) ON CONFLICT (partner_id, provider, fixture_id) DO UPDATE SET match_id = "
                + "EXCLUDED.match_id, provider_version = EXCLUDED.provider_version, feed_fields = COALESCE("
                + "EXCLUDED.feed_fields, fixture_link.feed_fields)")) {
            for (Link link : links) {
                Jdbc.bind(s, link.partnerId(), link.provider(), link.fixtureId(), link.matchId(), link.version(),
                        JsonColumns.fields(link.lastFeed()));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("save fixture links", e);
        }
    }
}
