package io.fanout.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FixtureCheckTest {

    private static final String PARTNER = UUID.randomUUID().toString();

    @Test
    void aGoodFixtureBecomesTheMatchsFieldsTitledFromItsTeams() {
        Fixture fixture = FixtureCheck.check(fixture("rugby", null, List.of(new Participant("South Africa", "away"),
                new Participant("New Zealand", "home"))), "world-rugby:nzl-rsa");

        assertThat(fixture.version()).isEqualTo(3);
        assertThat(fixture.fields().sport()).isEqualTo(Sport.RUGBY);
        assertThat(fixture.fields().title()).isEqualTo("New Zealand v South Africa");
        assertThat(fixture.fields().scheduledStart()).isEqualTo(Instant.parse("2027-07-11T07:05:00.123456Z"));
    }

    @Test
    void refusesWhatCannotBeAMatchNamingWhy() {
        assertThatThrownBy(() -> FixtureCheck.check(fixture("curling", "A v B", List.of()), "world-rugby:nzl-rsa"))
                .hasMessageContaining("unknown sport 'curling'");
        assertThatThrownBy(() -> FixtureCheck.check(fixture("rugby", null, List.of()), "world-rugby:nzl-rsa"))
                .hasMessageContaining("title is missing");
        assertThatThrownBy(() -> FixtureCheck.check(fixture("rugby", "A v B", List.of(new Participant("A", "captain"))),
                "world-rugby:nzl-rsa")).hasMessageContaining("participants[0].unknown role 'captain'");
        assertThatThrownBy(() -> FixtureCheck.check(fixture("rugby", "A v B", List.of()), "world-rugby:other"))
                .hasMessageContaining("record key");
        assertThatThrownBy(() -> FixtureCheck.check(new FixtureCancelled("world-rugby", "nzl-rsa", "p-1", 4, Instant.now(),
                "rain"), "world-rugby:nzl-rsa")).hasMessageContaining("partnerId 'p-1'");
    }

    @Test
    void aCancellationCarriesItsReason() {
        Fixture cancelled = FixtureCheck.check(new FixtureCancelled("world-rugby", "nzl-rsa", PARTNER, 4, Instant.now(),
                "waterlogged pitch"), "world-rugby:nzl-rsa");
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.cancelReason()).isEqualTo("waterlogged pitch");
    }

    private static FixtureUpserted fixture(String sport, String title, List<Participant> participants) {
        return new FixtureUpserted("world-rugby", "nzl-rsa", PARTNER, 3, Instant.now(), sport, "Rugby Championship",
                "Round 1", title, participants, "Eden Park", Instant.parse("2027-07-11T07:05:00.123456789Z"), null);
    }
}
