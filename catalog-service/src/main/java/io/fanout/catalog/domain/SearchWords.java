package io.fanout.catalog.domain;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The words of a text search, and the words a match is found by: a text is cut into runs of
 * letters and digits, accents dropped and lower-cased ({@code Saint-Étienne} gives {@code saint} and
 * {@code etienne}), each word cut to {@link #MAX_WORD} characters. A search finds the matches that
 * hold every one of its words as a whole word, the last one also as the start of a word (it may
 * still be being typed): {@code roger fed} finds Roger Federer, {@code derer} does not. Every match
 * of a feed has its words taken, so the text is read once, character by character (with a regular
 * expression and a normalisation of every text, it took 8 % of the service's CPU during a burst).
 */
public record SearchWords(List<String> words) {

    /** The longest word kept, in characters; a longer one is kept as its first characters. */
    public static final int MAX_WORD = 100;

    public SearchWords {
        words = List.copyOf(words);
    }

    /** The words of the text, each once, in order (none for a text without letters or digits). */
    public static SearchWords of(String text) {
        Collection<String> words = new LinkedHashSet<>();
        addWords(text, words);
        return new SearchWords(List.copyOf(words));
    }

    /** The words a match is found by, each once: its title, competition, stage, venue and competitors' names. */
    public static SearchWords of(MatchFields fields) {
        Collection<String> words = new LinkedHashSet<>();
        addWords(fields.title(), words);
        addWords(fields.competition(), words);
        if (fields.stage() != null) {
            addWords(fields.stage(), words);
        }
        if (fields.venue() != null) {
            addWords(fields.venue(), words);
        }
        fields.competitors().forEach(competitor -> addWords(competitor.name(), words));
        return new SearchWords(List.copyOf(words));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    private static void addWords(String text, Collection<String> words) {
        String plain = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFD); // accents apart
        StringBuilder word = new StringBuilder();
        int length = 0;
        for (int i = 0; i < plain.length(); ) {
            int c = plain.codePointAt(i);
            i += Character.charCount(c);
            if (isAccent(c)) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                if (length < MAX_WORD) {
                    word.appendCodePoint(Character.toLowerCase(c));
                    length++;
                }
            } else if (length > 0) {
                words.add(word.toString());
                word.setLength(0);
                length = 0;
            }
        }
        if (length > 0) {
            words.add(word.toString());
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAccent(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
