package io.fanout.catalog.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One side of a match: a player or a team, and the part it plays. */
public record Competitor(String name, Role role) {

    /** The part a competitor plays: home or away side, a player, a team without a home side. */
    public enum Role {
        HOME,
        AWAY,
        PLAYER,
        TEAM;

        private static final Role[] ALL = values();

        private final String code = name().toLowerCase(Locale.ROOT);

        public static final String NAMES = Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));

        public String code() {
            return code;
        }

        /** @throws IllegalArgumentException naming the known roles when {@code code} is none of them */
        public static Role of(String code) {
            if (code != null) {
                String wanted = code.strip();
                for (Role role : ALL) {
                    if (role.code.equalsIgnoreCase(wanted)) {
                        return role;
                    }
                }
            }
            throw new IllegalArgumentException("unknown role " + Sport.quoted(code) + " (one of " + NAMES + ")");
        }
    }
}
