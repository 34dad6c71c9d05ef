package io.fanout.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedMergeTest {

    private static final Instant START = Instant.parse("2027-06-14T13:00:00Z");
    private static final MatchFields V1 = fields("Alcaraz v Sinner", "Centre Court", START);

    @Test
    void aNewFixtureTakesEverythingFromTheFeed() {
        assertThat(FeedMerge.merge(null, null, V1)).isEqualTo(V1);
    }

    @Test
    void thePartnersEditSurvivesAVersionThatLeavesThatFieldAlone() {
        MatchFields edited = fields("Alcaraz v Sinner (QF)", "Centre Court", START);
        MatchFields v2 = fields("Alcaraz v Sinner", "Court 1", START);

        MatchFields merged = FeedMerge.merge(edited, V1, v2);

        assertThat(merged.title()).isEqualTo("Alcaraz v Sinner (QF)");
        assertThat(merged.venue()).isEqualTo("Court 1");
    }

    @Test
    void theFeedWinsOnAFieldItChanges() {
        MatchFields edited = fields("Alcaraz v Sinner (QF)", "Centre Court", START.plusSeconds(600));
        MatchFields v2 = fields("Alcaraz v Sinner, quarter-final", "Centre Court", START.plusSeconds(3600));

        MatchFields merged = FeedMerge.merge(edited, V1, v2);

        assertThat(merged.title()).isEqualTo("Alcaraz v Sinner, quarter-final");
        assertThat(merged.scheduledStart()).isEqualTo(START.plusSeconds(3600));
    }

    private static MatchFields fields(String title, String venue, Instant start) {
        return new MatchFields(Sport.TENNIS, "Queen's", "QF", title, List.of(new Competitor("C. Alcaraz",
                Competitor.Role.PLAYER)), venue, start, null);
    }
}
