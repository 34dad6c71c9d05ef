package io.fanout.catalog.persistence;

import io.fanout.catalog.domain.SearchWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements of one page of a partner's match list, in start order ({@code scheduled_start, id},
 * the cursor's order). Without text, the page's ids are found on the index {@code match_partner_start}
 * alone, whose entries carry every field a filter looks at except the text (sport, status,
 * competition), and only the rows of the page are then read from the table. A text search
 * ({@link PartnerWords}) reads the matches holding its words from their GIN index, sorts them and
 * keeps the page, in one statement: cheap when few matches hold the words, and as dear as the
 * number of matches that do. A search whose last word is a single character (a word being typed,
 * such as {@code team 5}) is likely held by many of the partner's matches (every word starting with
 * {@code 5}), so it first {@link #walk walks} the partner's matches in start order, looking at the
 * words of at most {@link #WALK_ROWS} of them; only if that does not fill the page is the index asked.
 * Plain JDBC parameters (UUID, String, Instant, Integer), so the benchmark explains these very statements.
 */
public record MatchListQuery(String sql, List<Object> parameters) {

    /** How many of the partner's matches (of those passing the other filters) a walk reads the words of. */
    public static final int WALK_ROWS = 200;

    /** The statement selecting {@code columns} of up to {@code limit} matches of the partner that pass {@code filter}. */
    public static MatchListQuery of(String columns, UUID partnerId, MatchFilter filter, int limit) {
        boolean search = searches(filter);
        // A search reads the matching rows themselves (from the GIN index's bitmap): their columns are
        // taken there, not looked up again by id.
        StringBuilder inner = new StringBuilder("SELECT " + (search ? columns : "id") + " FROM match WHERE ");
        List<Object> parameters = new ArrayList<>();
        where(inner, parameters, partnerId, filter, search);
        inner.append(" ORDER BY scheduled_start, id LIMIT ?");
        parameters.add(limit);
        return new MatchListQuery(search ? inner.toString() : "SELECT " + columns + " FROM match WHERE id IN (" + inner
                + ") ORDER BY scheduled_start, id", List.copyOf(parameters));
    }

    /**
     * For a search whose words are likely common, a statement that looks for them in the first
     * {@link #WALK_ROWS} of the partner's matches passing the other filters, in start order, and stops
     * at {@code limit}. When it returns {@code limit} rows they are the page (no match before them was
     * skipped); when fewer, the page is {@link #of}'s. Empty for any other list, and for a page
     * longer than the walk (it could never fill it).
     */
    public static Optional<MatchListQuery> walk(String columns, UUID partnerId, MatchFilter filter, int limit) {
        if (!searches(filter) || !likelyCommon(filter.text()) || limit > WALK_ROWS) {
            return Optional.empty();
        }
        StringBuilder inner = new StringBuilder("SELECT " + columns + ", search_words @@ CAST(? AS tsquery) AS holds_words"
                + " FROM match WHERE ");
        List<Object> parameters = new ArrayList<>(List.of(PartnerWords.query(partnerId, filter.text())));
        where(inner, parameters, partnerId, filter, false);
        inner.append(" ORDER BY scheduled_start, id LIMIT ").append(WALK_ROWS);
        parameters.add(limit);
        return Optional.of(new MatchListQuery("SELECT " + columns + " FROM (" + inner + ") walked WHERE holds_words "
                + "ORDER BY scheduled_start, id LIMIT ?", List.copyOf(parameters)));
    }

    private static boolean searches(MatchFilter filter) {
        return filter.text() != null && !filter.text().isEmpty();
    }

    /** A last word of one character stands for every word starting with it. */
    private static boolean likelyCommon(SearchWords search) {
        return search.words().get(search.words().size() - 1).length() == 1;
    }

    /** The partner's condition and every filter's, the text's only when {@code withText}. */
    private static void where(StringBuilder sql, List<Object> parameters, UUID partnerId, MatchFilter filter,
            boolean withText) {
        sql.append("partner_id = ?");
        parameters.add(partnerId);
        if (filter.sport() != null) {
            sql.append(" AND sport = ?");
            parameters.add(filter.sport().name());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().name());
        }
        if (filter.from() != null) {
            sql.append(" AND scheduled_start >= ?");
            parameters.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND scheduled_start < ?");
            parameters.add(filter.to());
        }
        if (filter.competition() != null) {
            sql.append(" AND lower(competition) = ?");
            parameters.add(filter.competition().toLowerCase(Locale.ROOT));
        }
        if (withText) {
            sql.append(" AND search_words @@ CAST(? AS tsquery)");
            parameters.add(PartnerWords.query(partnerId, filter.text()));
        }
        if (filter.afterStart() != null) {
            sql.append(" AND (scheduled_start, id) > (?, ?)");
            parameters.add(filter.afterStart());
            parameters.add(filter.afterId());
        }
    }
}
