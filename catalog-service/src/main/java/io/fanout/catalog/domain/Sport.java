package io.fanout.catalog.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sports the catalog knows; anything else is {@link #OTHER} when a partner says so, never by guess. */
public enum Sport {
    TENNIS,
    RUGBY,
    FOOTBALL,
    BASKETBALL,
    ESPORTS,
    OTHER;

    private static final Sport[] ALL = values();

    private final String code = name().toLowerCase(Locale.ROOT);

    /** How the sports are listed in messages: {@code tennis, rugby, ...}. */
    public static final String NAMES = Arrays.stream(values()).map(Sport::code).collect(Collectors.joining(", "));

    /** The lowercase code used on the wire and in the API ({@code tennis}). */
    public String code() {
        return code;
    }

    /**
     * The sport named by {@code code}, in any case.
     *
     * @throws IllegalArgumentException naming the known sports when it is none of them
     */
    public static Sport of(String code) {
        if (code != null) {
            String wanted = code.strip();
            for (Sport sport : ALL) {
                if (sport.code.equalsIgnoreCase(wanted)) {
                    return sport;
                }
            }
        }
        throw new IllegalArgumentException("unknown sport " + quoted(code) + " (one of " + NAMES + ")");
    }

    static String quoted(String value) {
        return value == null ? "(none)" : "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}
