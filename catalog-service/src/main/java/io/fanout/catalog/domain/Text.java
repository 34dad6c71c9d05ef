package io.fanout.catalog.domain;

import java.util.regex.Pattern;

/**
 * The rules every text field of the catalog follows, from the API or a feed: trimmed, within a
 * length, and free of control characters (PostgreSQL refuses a NUL; none of them belongs in a
 * title). Checks throw {@link IllegalArgumentException} naming the field.
 */
public final class Text {

    /** A regular expression for text without control characters (for request validation). */
    public static final String PRINTABLE = "[^\\p{Cntrl}]*";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Text() {
    }

    /** A required text: not blank, at most {@code max} characters, printable; trimmed. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return optional(field, value, max);
    }

    /** An optional text: null or blank gives null; otherwise as {@link #required}. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(field + " contains a control character");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        return trimmed;
    }
}
