package io.fanout.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How texts become search words: runs of letters and digits, accents dropped, lower-cased, cut. */
class SearchWordsTest {

    @Test
    void aTextIsCutIntoLowerCaseWordsWithoutAccents() {
        assertThat(SearchWords.of("Saint-Étienne v Olympique Lyonnais (J12), 2027/28").words())
                .containsExactly("saint", "etienne", "v", "olympique", "lyonnais", "j12", "2027", "28");
        assertThat(SearchWords.of("Ωμέγα ÇA Øre İstanbul").words()).containsExactly("ωμεγα", "ca", "øre", "istanbul");
        assertThat(SearchWords.of(" -- / ! ").isEmpty()).isTrue();
        assertThat(SearchWords.of("x".repeat(150)).words()).containsExactly("x".repeat(SearchWords.MAX_WORD));
    }

    @Test
    void aMatchIsFoundByTheWordsOfItsFieldsEachOnce() {
        MatchFields fields = new MatchFields(Sport.TENNIS, "Wimbledon", "Final", "Alcaraz v Sinner",
                List.of(new Competitor("Carlos Alcaraz", Competitor.Role.PLAYER), new Competitor("Jannik Sinner",
                        Competitor.Role.PLAYER)), "Centre Court", Instant.parse("2027-07-11T14:00:00Z"), null);
        assertThat(SearchWords.of(fields).words()).containsExactly("alcaraz", "v", "sinner", "wimbledon", "final",
                "centre", "court", "carlos", "jannik");
    }
}
