package io.fanout.platform.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The feed files {@code ./fanout feed} reads: fixtures as JSON, and schema.org SportsEvent JSON-LD. */
class FeedFileTest {

    private static final String PARTNER = UUID.randomUUID().toString();
    private static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");

    @Test
    void theRugbyExampleIsReadAsFixturesOfTheGivenProviderAndPartner() {
        List<FanoutEvent> fixtures = FeedFile.read(Path.of("feeds/rugby-championship.json"), "world-rugby", PARTNER);

        assertThat(fixtures).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(FixtureUpserted.class));
        FixtureUpserted first = (FixtureUpserted) fixtures.get(0);
        assertThat(first.aggregateId()).isEqualTo("world-rugby:2027-rc-r1-nzl-rsa");
        assertThat(first.partnerId()).isEqualTo(PARTNER);
        assertThat(first.providerVersion()).isEqualTo(3);
        assertThat(first.participants()).containsExactly(new Participant("New Zealand", "home"),
                new Participant("South Africa", "away"));
    }

    @Test
    void aLeaguesPageOfSportsEventsIsReadAsFixturesAndItsOtherNodesAreLeftOut() {
        List<FanoutEvent> fixtures = FeedFile.read(Path.of("feeds/queens-club-page.jsonld"), "lta", PARTNER);

        assertThat(fixtures).hasSize(2);
        FixtureUpserted first = (FixtureUpserted) fixtures.get(0);
        assertThat(first.fixtureId()).isEqualTo("2027-queens-qf-1");
        assertThat(first.sport()).isEqualTo("tennis");
        assertThat(first.competition()).isEqualTo("Queen's Club Championships");
        assertThat(first.title()).isEqualTo("C. Alcaraz v J. Sinner");
        assertThat(first.participants()).extracting(Participant::role).containsOnly("player");
        assertThat(first.venue()).isEqualTo("Centre Court, London");
        assertThat(first.scheduledStart()).isEqualTo(Instant.parse("2027-06-18T12:00:00Z"));
        assertThat(first.providerVersion()).isEqualTo(Instant.parse("2027-06-17T18:30:00Z").toEpochMilli());
    }

    @Test
    void aCancelledSportsEventIsACancellationAndTeamsKeepTheirSides() throws Exception {
        List<FanoutEvent> fixtures = FeedFile.read(Json.mapper().readTree("""
                [{"@context": "https://schema.org", "@type": "SportsEvent", "@id": "https://league.example/m/7",
                  "name": "Lions v Tigers", "sport": "Rugby union", "organizer": {"@type": "SportsOrganization", "name": "Cup"},
                  "homeTeam": {"@type": "SportsTeam", "name": "Lions"}, "awayTeam": {"@type": "SportsTeam", "name": "Tigers"},
                  "competitor": [{"@type": "SportsTeam", "name": "Lions"}],
                  "startDate": "2027-05-01", "eventStatus": "https://schema.org/EventCancelled"},
                 {"@type": "SportsEvent", "identifier": {"@type": "PropertyValue", "value": "m8"}, "name": "Lions v Bears",
                  "sport": "https://en.wikipedia.org/wiki/Rugby_union", "superEvent": "Cup",
                  "homeTeam": "Lions", "awayTeam": "Bears", "startDate": "2027-05-08T15:00:00Z"}]
                """), "cup", PARTNER, NOW);

        assertThat(fixtures.get(0)).isInstanceOf(FixtureCancelled.class);
        assertThat(fixtures.get(0).aggregateId()).isEqualTo("cup:https://league.example/m/7");
        FixtureUpserted second = (FixtureUpserted) fixtures.get(1);
        assertThat(second.sport()).isEqualTo("rugby");
        assertThat(second.participants()).containsExactly(new Participant("Lions", "home"), new Participant("Bears", "away"));
        assertThat(second.providerVersion()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aSportsEventWithoutAStartOrAnIdIsAClearError() throws Exception {
        assertThatThrownBy(() -> FeedFile.read(Json.mapper().readTree("""
                {"@type": "SportsEvent", "identifier": "x", "name": "A v B", "superEvent": "Cup"}
                """), "cup", PARTNER, NOW)).hasMessageContaining("startDate");
        assertThatThrownBy(() -> FeedFile.read(Json.mapper().readTree("""
                {"@type": "SportsEvent", "name": "A v B", "superEvent": "Cup", "startDate": "2027-05-08T15:00:00Z"}
                """), "cup", PARTNER, NOW)).hasMessageContaining("identifier");
    }
}
