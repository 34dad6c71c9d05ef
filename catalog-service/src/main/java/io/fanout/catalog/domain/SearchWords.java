package io.fanout.catalog.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The words of a text search, and the words a match is found by: a text is cut into runs of
 * letters and digits, accents dropped and lower-cased ({@code Saint-Étienne} gives {@code saint} and
 * {@code etienne}), each word cut to {@link #MAX_WORD} characters. A search finds the matches that
 * hold every one of its words as a whole word, the last one also as the start of a word (it may
 * still be being typed): {@code roger fed} finds Roger Federer, {@code derer} does not.
 */
public record SearchWords(List<String> words) {

    /** The longest word kept; a longer one is kept as its first characters. */
    public static final int MAX_WORD = 100;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    public SearchWords {
        words = List.copyOf(words);
    }

    /** The words of the text, in order, repeats kept (none for a text without letters or digits). */
    public static SearchWords of(String text) {
        String plain = ACCENTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : NOT_A_WORD.split(plain)) {
            if (!word.isEmpty()) {
                words.add(word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word);
            }
        }
        return new SearchWords(words);
    }

    /** The words a match is found by, each once: its title, competition, stage, venue and competitors' names. */
    public static SearchWords of(MatchFields fields) {
        StringJoiner text = new StringJoiner(" ").add(fields.title()).add(fields.competition());
        if (fields.stage() != null) {
            text.add(fields.stage());
        }
        if (fields.venue() != null) {
            text.add(fields.venue());
        }
        fields.competitors().forEach(competitor -> text.add(competitor.name()));
        return of(text.toString()).distinct();
    }

    /** These words, each once, in their first order. */
    public SearchWords distinct() {
        return new SearchWords(List.copyOf(new LinkedHashSet<>(words)));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
