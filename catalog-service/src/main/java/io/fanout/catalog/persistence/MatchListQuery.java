package io.fanout.catalog.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The statement of one page of a partner's match list, in start order ({@code scheduled_start, id},
 * the cursor's order): the page's ids are found on the index {@code match_partner_start} alone, whose
 * entries carry every field a filter looks at except the text (sport, status, competition), and only
 * the rows of the page are then read from the table. A text search ({@link PartnerWords}) reads the
 * matches holding its words from their GIN index, sorts them and keeps the page, in one statement.
 * Plain JDBC parameters (UUID, String, Instant, Integer), so the benchmark explains this very statement.
 */
public record MatchListQuery(String sql, List<Object> parameters) {

    /** The statement selecting {@code columns} of up to {@code limit} matches of the partner that pass {@code filter}. */
    public static MatchListQuery of(String columns, UUID partnerId, MatchFilter filter, int limit) {
        boolean search = filter.text() != null && !filter.text().isEmpty();
        // A search reads the matching rows themselves (from the GIN index's bitmap): their columns are
        // taken there, not looked up again by id.
        StringBuilder inner = new StringBuilder("SELECT " + (search ? columns : "id") + " FROM match WHERE partner_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(partnerId));
        if (filter.sport() != null) {
            inner.append(" AND sport = ?");
            parameters.add(filter.sport().name());
        }
        if (filter.status() != null) {
            inner.append(" AND status = ?");
            parameters.add(filter.status().name());
        }
        if (filter.from() != null) {
            inner.append(" AND scheduled_start >= ?");
            parameters.add(filter.from());
        }
        if (filter.to() != null) {
            inner.append(" AND scheduled_start < ?");
            parameters.add(filter.to());
        }
        if (filter.competition() != null) {
            inner.append(" AND lower(competition) = ?");
            parameters.add(filter.competition().toLowerCase(Locale.ROOT));
        }
        if (search) {
            inner.append(" AND search_words @@ CAST(? AS tsquery)");
            parameters.add(PartnerWords.query(partnerId, filter.text()));
        }
        if (filter.afterStart() != null) {
            inner.append(" AND (scheduled_start, id) > (?, ?)");
            parameters.add(filter.afterStart());
            parameters.add(filter.afterId());
        }
        inner.append(" ORDER BY scheduled_start, id LIMIT ?");
        parameters.add(limit);
        return new MatchListQuery(search ? inner.toString() : "SELECT " + columns + " FROM match WHERE id IN (" + inner
                + ") ORDER BY scheduled_start, id", List.copyOf(parameters));
    }
}
