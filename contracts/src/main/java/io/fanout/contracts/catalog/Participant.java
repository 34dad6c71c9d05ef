package io.fanout.contracts.catalog;

/**
 * One side of a match: a player or a team by {@code name}, and its {@code role}: {@code home} or
 * {@code away} (team sports with a home side), {@code player} (a person), {@code team} (a team without
 * a home side, as in esports).
 */
public record Participant(String name, String role) {
}
