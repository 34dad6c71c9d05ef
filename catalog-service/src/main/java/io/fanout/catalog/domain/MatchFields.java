package io.fanout.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a match is, where and when: the fields a partner edits and an upstream feed also sets.
 * {@code stage}, {@code venue} and {@code scheduledEnd} may be null; {@code title} never is (made from
 * the competitors when nobody gave one).
 */
public record MatchFields(Sport sport, String competition, String stage, String title, List<Competitor> competitors,
        String venue, Instant scheduledStart, Instant scheduledEnd) {

    public MatchFields {
        competitors = List.copyOf(competitors);
    }

    /**
     * The title a match without one gets: its competitors, home side first, joined by " v " as
     * sports listings write it ({@code New Zealand v South Africa}).
     */
    public static String titleOf(List<Competitor> competitors) {
        return competitors.stream()
                .sorted((a, b) -> Integer.compare(order(a.role()), order(b.role())))
                .map(Competitor::name).collect(Collectors.joining(" v "));
    }

    /** The competitors as a title template shows them: home first, " v " between. */
    public String competitorsText() {
        return titleOf(competitors);
    }

    private static int order(Competitor.Role role) {
        return role == Competitor.Role.AWAY ? 1 : 0;
    }
}
