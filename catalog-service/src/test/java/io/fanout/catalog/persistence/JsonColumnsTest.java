package io.fanout.catalog.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fanout.catalog.domain.Competitor;
import io.fanout.catalog.domain.Competitor.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Participants come back from their column as they went in, whatever the names hold. */
class JsonColumnsTest {

    @Test
    void participantsReadBackAsWritten() {
        List<Competitor> written = List.of(new Competitor("Stade \"Français\" \\ Paris", Role.HOME),
                new Competitor("Ireland\nA", Role.AWAY), new Competitor("Ünal 🎾 Çelik", Role.PLAYER),
                new Competitor("", Role.TEAM));

        assertThat(JsonColumns.competitors(JsonColumns.competitors(written))).isEqualTo(written);
        assertThat(JsonColumns.competitors(JsonColumns.competitors(List.of()))).isEmpty();
    }

    @Test
    void fieldsTheColumnDoesNotKnowAreSkipped() {
        assertThat(JsonColumns.competitors("[{\"id\":{\"a\":[1,2]},\"name\":\"Nadal\",\"seed\":4,\"role\":\"player\"}]"))
                .containsExactly(new Competitor("Nadal", Role.PLAYER));
    }

    @Test
    void aColumnThatIsNotAListOfParticipantsIsRefused() {
        assertThatThrownBy(() -> JsonColumns.competitors("{\"name\":\"Nadal\"}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonColumns.competitors("[{\"name\":\"Nadal\",\"role\":\"coach\"}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonColumns.competitors("[{\"name\":\"Nadal\"")).isInstanceOf(IllegalStateException.class);
    }
}
