package io.fanout.catalog.persistence;

import io.fanout.catalog.domain.SearchWords;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How a match's search words are kept ({@code match.search_words}, a {@code tsvector} under a GIN
 * index) and looked up. Each word is kept behind its partner's scope, the first eight hex digits of
 * the partner's id ({@code 3f2a9c1e:federer}), so the index's list for a word holds that partner's
 * matches only: a search costs what the partner's own catalogue costs, however many partners share
 * the table (with words alone, the list for {@code team} held every partner's teams and a search
 * read it whole). Partners whose ids begin alike share lists; the list query's {@code partner_id}
 * condition keeps each to its own. Words hold letters and digits only ({@link SearchWords}), so
 * they need no escaping, and the lexemes are taken as they are, never parsed by a text-search
 * configuration.
 */
public final class PartnerWords {

    /** The SQL expression that makes a match's {@code search_words} from its {@link #stored} parameter. */
    public static final String STORED_SQL = "array_to_tsvector(string_to_array(?, ' '))";

    private PartnerWords() {
    }

    /** The match's lexemes, space-separated, the parameter of {@link #STORED_SQL}. */
    public static String stored(UUID partnerId, SearchWords words) {
        String scope = scope(partnerId);
        StringBuilder lexemes = new StringBuilder();
        for (String word : words.words()) {
            lexemes.append(lexemes.isEmpty() ? "" : " ").append(scope).append(word);
        }
        return lexemes.toString();
    }

    /** The search as a {@code tsquery}: every word whole, the last also as a word's start. */
    public static String query(UUID partnerId, SearchWords search) {
        String scope = scope(partnerId);
        List<String> words = search.words();
        return words.stream().map(word -> "'" + scope + word + "'").collect(Collectors.joining(" & ")) + ":*";
    }

    private static String scope(UUID partnerId) {
        return partnerId.toString().substring(0, 8) + ":";
    }
}
