package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Golden;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream fixtures on a real broker: versions applied in order and never backwards, one catalog
 * event per applied change, the partner's edits kept until the feed changes the same field,
 * cancellations, and fixtures of a provider the partner has not authorised parked.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class FixtureFeedTest {

    private static EventPublisher provider;
    private static TopicRecorder catalogEvents;
    private static TopicRecorder deadLetters;

    private final Catalog partner = new Catalog();
    private final String fixtureId = "f-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        provider = EventPublisher.as("/providers/atp");
        catalogEvents = TopicRecorder.of(Topics.CATALOG_EVENTS);
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.UPSTREAM_FIXTURES));
    }

    @AfterAll
    static void disconnect() {
        provider.close();
        catalogEvents.close();
        deadLetters.close();
    }

    @Test
    void versionsShuffledAndRepeatedEndAtTheLastOneWithOneEventPerAppliedChangeInVersionOrder() {
        partner.authorise("atp");
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= 50; v++) {
            versions.add(v);
        }
        versions.addAll(List.of(7, 19, 50, 33, 1, 50, 42));
        Collections.shuffle(versions, new Random(20261202L));
        List<Integer> applied = new ArrayList<>();
        for (int v : versions) {
            if (applied.isEmpty() || v > applied.get(applied.size() - 1)) {
                applied.add(v);
            }
        }
        double staleBefore = Metrics.value("fanout_catalog_fixtures_total{outcome=\"stale\"}");

        for (int v : versions) {
            provider.send(Events.withVenue(Events.fixture("atp", fixtureId, partner.partner, v), "Court " + v));
        }

        UUID match = awaitMatch();
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then().body("venue", is("Court 50")));
        List<TopicRecorder.Recorded> events = catalogEvents.awaitRecords(match.toString(), applied.size(), Catalog.DEADLINE);
        assertThat(events).hasSize(applied.size());
        assertThat(events.get(0).header(CloudEvents.TYPE)).isEqualTo(EventType.MATCH_SCHEDULED.ceType());
        List<String> venues = events.stream().map(FixtureFeedTest::read).map(e -> e instanceof MatchScheduled s
                ? s.match().venue() : ((MatchUpdated) e).match().venue()).toList();
        assertThat(venues).containsExactlyElementsOf(applied.stream().map(v -> "Court " + v).toList());
        assertThat(events.stream().map(FixtureFeedTest::read).map(FixtureFeedTest::version).toList())
                .isSorted().doesNotHaveDuplicates();
        await().atMost(Catalog.DEADLINE).until(() -> Metrics.value("fanout_catalog_fixtures_total{outcome=\"stale\"}")
                - staleBefore >= versions.size() - applied.size());
    }

    @Test
    void thePartnersEditSurvivesNewVersionsUntilTheFeedChangesThatField() {
        partner.authorise("atp");
        FixtureUpserted first = Events.fixture("atp", fixtureId, partner.partner, 1);
        provider.send(first);
        UUID match = awaitMatch();
        partner.match(match).then().body("title", is("C. Alcaraz v J. Sinner")).body("feed.provider", is("atp"));

        given().auth().oauth2(partner.token).contentType(ContentType.JSON).body(Map.of("title", "Alcaraz v Sinner, QF"))
                .patch("/v1/matches/{id}", match).then().statusCode(200);
        provider.send(Events.withVenue(Events.fixture("atp", fixtureId, partner.partner, 2), "Court 1"));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then().body("venue", is("Court 1"))
                .body("title", is("Alcaraz v Sinner, QF")));

        Instant moved = Instant.parse("2027-06-15T11:00:00Z");
        provider.send(Events.withStart(Events.fixture("atp", fixtureId, partner.partner, 3), moved));
        // Version 3 moves the start and gives the venue its first value again: the feed changed both.
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then()
                .body("scheduledStart", is(moved.toString())).body("venue", is("Centre Court, London"))
                .body("title", is("Alcaraz v Sinner, QF")));

        provider.send(Events.fixtureCancelled("atp", fixtureId, partner.partner, 4));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then().body("status", is("cancelled"))
                .body("cancelReason", is("rain")));
        double stale = staleCount();
        provider.send(Events.withVenue(Events.fixture("atp", fixtureId, partner.partner, 3), "Court 9"));
        await().atMost(Catalog.DEADLINE).until(() -> staleCount() > stale);
        partner.match(match).then().body("venue", is("Centre Court, London")).body("status", is("cancelled"));
    }

    @Test
    void aCancellationBeforeTheFixtureLeavesNothingForAnOlderVersionToCreate() {
        partner.authorise("atp");
        double stale = staleCount();
        provider.send(Events.fixtureCancelled("atp", fixtureId, partner.partner, 5));
        provider.send(Events.fixture("atp", fixtureId, partner.partner, 4));
        await().atMost(Catalog.DEADLINE).until(() -> staleCount() > stale);
        assertThat(list("Alcaraz")).isEmpty();

        provider.send(Events.fixture("atp", fixtureId, partner.partner, 6));
        await().atMost(Catalog.DEADLINE).until(() -> list("Alcaraz").size() == 1);
    }

    @Test
    void aFixtureFromAProviderThePartnerHasNotAuthorisedIsParked() {
        partner.authorise("atp");
        FixtureUpserted foreign = Events.fixture("wta", fixtureId, partner.partner, 1);
        provider.send(foreign);

        TopicRecorder.Recorded parked = deadLetters.awaitRecords("wta:" + fixtureId, 1, Catalog.DEADLINE).get(0);
        assertThat(parked.header("dead-letter-reason")).contains("not authorised");
        assertThat(parked.header(CloudEvents.TYPE)).isEqualTo(EventType.FIXTURE_UPSERTED.ceType());
        assertThat(parked.valueAsString()).isEqualTo(new String(Json.write(foreign)));

        given().auth().oauth2(partner.token).delete("/v1/feeds/atp").then().statusCode(204);
        provider.send(Events.fixture("atp", fixtureId, partner.partner, 1));
        assertThat(deadLetters.awaitRecords("atp:" + fixtureId, 1, Catalog.DEADLINE).get(0).header("dead-letter-reason"))
                .contains("not authorised");
        assertThat(list("Alcaraz")).isEmpty();
    }

    @Test
    void theGoldenFixtureIsApplied() {
        FixtureUpserted golden = (FixtureUpserted) Golden.event(EventType.FIXTURE_UPSERTED);
        String token = TokenKeys.shared().partnerToken(UUID.fromString(golden.partnerId()));
        given().auth().oauth2(token).put("/v1/feeds/{provider}", golden.provider()).then().statusCode(
                org.hamcrest.Matchers.anyOf(is(200), is(201)));
        provider.send(golden);

        await().atMost(Catalog.DEADLINE).until(() -> given().auth().oauth2(token).queryParam("q", "sinner")
                .get("/v1/matches").then().extract().<List<?>>path("matches").size() == 1);
        given().auth().oauth2(token).queryParam("q", "sinner").get("/v1/matches").then()
                .body("matches[0].stage", is("Final")).body("matches[0].title", is("C. Alcaraz v J. Sinner"))
                .body("matches[0].feed.fixtureId", is(golden.fixtureId()));
    }

    /** Fixtures found stale so far: one more proves the record before it on its partition was consumed. */
    private static double staleCount() {
        return Metrics.value("fanout_catalog_fixtures_total{outcome=\"stale\"}");
    }

    private UUID awaitMatch() {
        await().atMost(Catalog.DEADLINE).until(() -> !list("Alcaraz").isEmpty());
        return UUID.fromString(list("Alcaraz").get(0));
    }

    private List<String> list(String text) {
        return given().auth().oauth2(partner.token).queryParam("q", text).get("/v1/matches").then().statusCode(200)
                .extract().path("matches.id");
    }

    private static FanoutEvent read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }

    private static long version(FanoutEvent event) {
        return event instanceof MatchScheduled s ? s.version() : ((MatchUpdated) event).version();
    }
}
