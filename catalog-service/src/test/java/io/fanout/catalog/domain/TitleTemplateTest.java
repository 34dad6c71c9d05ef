package io.fanout.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitleTemplateTest {

    private static final MatchFields FINAL = new MatchFields(Sport.TENNIS, "Queen's Club Championships", "Final",
            "Alcaraz v Sinner", List.of(new Competitor("J. Sinner", Competitor.Role.AWAY),
                    new Competitor("C. Alcaraz", Competitor.Role.HOME)), null, Instant.parse("2027-06-14T13:00:00Z"), null);

    @Test
    void rendersEveryPlaceholderWithTheHomeSideFirst() {
        assertThat(TitleTemplate.of("{competition} {stage}: {participants}").render(FINAL))
                .isEqualTo("Queen's Club Championships Final: C. Alcaraz v J. Sinner");
        assertThat(TitleTemplate.of("{sport} | {title}").render(FINAL)).isEqualTo("tennis | Alcaraz v Sinner");
        assertThat(TitleTemplate.of(null).render(FINAL)).isEqualTo("Alcaraz v Sinner");
    }

    @Test
    void anEmptyFieldTakesItsSeparatorWithIt() {
        assertThat(TitleTemplate.of("{title} - {venue}").render(FINAL)).isEqualTo("Alcaraz v Sinner");
        assertThat(TitleTemplate.of("{venue}: {title}").render(FINAL)).isEqualTo("Alcaraz v Sinner");
        assertThat(TitleTemplate.of("{venue}").render(FINAL)).as("nothing left: the match's title").isEqualTo(
                "Alcaraz v Sinner");
    }

    @Test
    void aLongTitleIsCutForTheNetworks() {
        String title = TitleTemplate.of("{title} " + "x".repeat(150)).render(FINAL);
        assertThat(title).hasSize(TitleTemplate.MAX_TITLE).endsWith("…");
    }

    @Test
    void unknownPlaceholdersAndStrayBracesAreRefused() {
        assertThatThrownBy(() -> TitleTemplate.of("{score} live")).hasMessageContaining("{score}")
                .hasMessageContaining("{participants}");
        assertThatThrownBy(() -> TitleTemplate.of("{title")).hasMessageContaining("brace");
        assertThatThrownBy(() -> TitleTemplate.of("x".repeat(201))).hasMessageContaining("200");
    }
}
