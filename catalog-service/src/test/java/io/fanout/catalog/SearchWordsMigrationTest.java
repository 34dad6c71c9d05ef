package io.fanout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.persistence.PartnerWords;
import io.fanout.local.Postgres;
import io.fanout.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration to word search on a real PostgreSQL holding matches made before it: each match's
 * words are kept by the same rules as a new match's, so the search finds it by any of its words,
 * accents aside, and the old text column is gone.
 */
class SearchWordsMigrationTest {

    private static final UUID PARTNER = UUID.randomUUID();

    @Test
    void matchesKeptBeforeTheMigrationAreFoundByTheirWords() throws SQLException {
        Postgres.Database database = TestDatabases.shared().createDatabase("search_words_migration");
        migrate(database, "3");
        UUID derby = UUID.randomUUID();
        UUID final_ = UUID.randomUUID();
        try (Connection c = connect(database)) {
            insertAsBefore(c, derby, "saint-étienne v lyon ligue 1 journée 12 stade geoffroy-guichard saint-étienne lyon");
            insertAsBefore(c, final_, "centre court final wimbledon final centre court alcaraz sinner");
        }

        migrate(database, null);

        try (Connection c = connect(database)) {
            assertThat(found(c, "etienne")).containsExactly(derby);
            assertThat(found(c, "GEOFFROY guich")).containsExactly(derby);
            assertThat(found(c, "final")).containsExactly(final_);
            assertThat(found(c, "journee 1")).containsExactly(derby);
            assertThat(found(c, "rt")).isEmpty();
            try (ResultSet columns = c.getMetaData().getColumns(null, null, "match", "search_text")) {
                assertThat(columns.next()).as("search_text dropped").isFalse();
            }
        }
    }

    private static void migrate(Postgres.Database database, String target) {
        var configuration = Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration");
        (target == null ? configuration : configuration.target(target)).load().migrate();
    }

    /** A match row as the catalog wrote it before word search: its words only in {@code search_text}. */
    private static void insertAsBefore(Connection c, UUID id, String searchText) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO match (id, partner_id, sport, competition, title, "
                + "participants, scheduled_start, status, late, plan, version, search_text, created_at, updated_at) "
                + "VALUES (?, ?, 'FOOTBALL', 'Ligue', 'A v B', '[]', now(), 'SCHEDULED', false, '[]', 1, ?, now(), now())")) {
            s.setObject(1, id);
            s.setObject(2, PARTNER);
            s.setString(3, searchText);
            s.executeUpdate();
        }
    }

    private static List<UUID> found(Connection c, String q) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM match WHERE partner_id = ? "
                + "AND search_words @@ CAST(? AS tsquery)")) {
            s.setObject(1, PARTNER);
            s.setString(2, PartnerWords.query(PARTNER, SearchWords.of(q)));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static Connection connect(Postgres.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
