package db.migration;

import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.persistence.PartnerWords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The text search finds whole words under a GIN index instead of a substring of {@code search_text}
 * read row by row: {@code search_words} is added and filled for every match by the rules new matches
 * follow ({@link SearchWords}, {@link PartnerWords}: computed here, in Java, so that words kept
 * before and after this migration cannot differ), then indexed, and {@code search_text} is dropped.
 * {@code search_text} held the match's title, competition, stage, venue and participants, lower-cased,
 * which gives the same words.
 */
public class V4__match_search_words extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE match ADD COLUMN search_words tsvector NOT NULL DEFAULT ''");
            s.execute("ALTER TABLE match ALTER COLUMN search_words DROP DEFAULT");
        }
        try (Statement read = c.createStatement(); PreparedStatement write = c.prepareStatement(
                "UPDATE match SET search_words = " + PartnerWords.STORED_SQL + " WHERE id = ?")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = read.executeQuery("SELECT id, partner_id, search_text FROM match")) {
                while (rows.next()) {
                    UUID partner = rows.getObject(2, UUID.class);
                    write.setString(1, PartnerWords.stored(partner, SearchWords.of(rows.getString(3))));
                    write.setObject(2, rows.getObject(1, UUID.class));
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            write.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE match DROP COLUMN search_text");
            s.execute("CREATE INDEX match_words ON match USING gin (search_words)");
        }
    }
}
