package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Golden;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.MatchLate;
import io.fanout.contracts.catalog.MatchLive;
import io.fanout.contracts.push.Network;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.stream.StreamStarted;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Matches follow their streams, and the live view shows what is live where, from real events on a
 * real broker: stream-lifecycle, stream-health, push-status, renditions and destinations.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class LiveViewTest {

    private static EventPublisher ingest;
    private static EventPublisher publish;
    private static EventPublisher transcode;
    private static TopicRecorder catalogEvents;
    private static TopicRecorder deadLetters;

    private final Catalog partner = new Catalog();

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        publish = EventPublisher.as("/fanout/publish-service");
        transcode = EventPublisher.as("/fanout/transcode-service");
        catalogEvents = TopicRecorder.of(Topics.CATALOG_EVENTS);
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.STREAM_LIFECYCLE), Topics.deadLetter(Topics.PUSH_STATUS));
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        publish.close();
        transcode.close();
        catalogEvents.close();
        deadLetters.close();
    }

    @Test
    void aBoundMatchGoesLiveWithItsStreamShowsEveryPushAndEndsWithIt() {
        UUID stream = partner.stream(ingest);
        UUID youtube = partner.destination(publish, "Main channel", Network.YOUTUBE);
        UUID twitch = partner.destination(publish, "Twitch", Network.TWITCH);
        UUID match = partner.createMatch("2027-07-01T18:00:00Z", Map.of("streamId", stream));
        partner.awaitPlan(match, List.of(Map.of("destinationId", youtube), Map.of("destinationId", twitch)));
        partner.live(match).then().statusCode(200).body("stream.state", is("idle")).body("playerUrl", nullValue())
                .body("destinations.name", contains("Main channel", "Twitch")).body("destinations[0].push", nullValue());

        UUID session = UUID.randomUUID();
        UUID ytTarget = UUID.randomUUID();
        UUID twTarget = UUID.randomUUID();
        ingest.send(Events.streamStarted(stream, partner.partner, 2, session));
        ingest.send(Events.streamHealth(stream, partner.partner, session));
        transcode.send(Events.ladderStarted(stream, partner.partner, session, "http://edge/hls/" + stream + ".m3u8"));
        publish.send(Events.pushStarting(ytTarget, stream, partner.partner, session, youtube));
        publish.send(Events.pushBroadcasting(ytTarget, stream, partner.partner, session, youtube));
        publish.send(Events.pushRetrying(twTarget, stream, partner.partner, session, twitch, "connection refused"));

        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.live(match).then()
                .body("match.status", is("live"))
                .body("stream.state", is("live"))
                .body("stream.health.width", is(1280))
                .body("playerUrl", is("http://edge/hls/" + stream + ".m3u8"))
                .body("destinations[0].push.state", is("broadcasting"))
                .body("destinations[1].push.state", is("retrying"))
                .body("destinations[1].push.reason", is("connection refused"))
                .body("destinations[1].push.attempt", is(2)));
        MatchLive live = (MatchLive) read(catalogEvents.awaitRecord(r -> r.key().equals(match.toString())
                && EventType.MATCH_LIVE.ceType().equals(r.header(CloudEvents.TYPE)), Catalog.DEADLINE));
        assertThat(live.streamId()).isEqualTo(stream.toString());

        ingest.send(Events.streamInterrupted(stream, partner.partner, 3, session));
        ingest.send(Events.streamResumed(stream, partner.partner, 4, session));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> given().auth().oauth2(partner.token)
                .get("/v1/streams/{id}/live", stream).then().body("stream.state", is("live"))
                .body("matches[0].status", is("live")));

        ingest.send(Events.streamEnded(stream, partner.partner, 5, session));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then().body("status", is("ended")));
        assertThat(catalogEvents.awaitRecords(match.toString(), 4, Catalog.DEADLINE)).extracting(r -> r.header(CloudEvents.TYPE))
                .containsExactly(EventType.MATCH_SCHEDULED.ceType(), EventType.MATCH_UPDATED.ceType(),
                        EventType.MATCH_LIVE.ceType(), EventType.MATCH_ENDED.ceType())
                .containsOnlyOnce(EventType.MATCH_LIVE.ceType());
    }

    @Test
    void aPushWhoseNetworkRefusesToGoLiveShowsDegradedWithTheReason() {
        UUID stream = partner.stream(ingest);
        UUID youtube = partner.destination(publish, "Degraded channel", Network.YOUTUBE);
        UUID match = partner.createMatch("2027-07-02T18:00:00Z", Map.of("streamId", stream));
        partner.awaitPlan(match, List.of(Map.of("destinationId", youtube)));
        UUID session = UUID.randomUUID();
        UUID target = UUID.randomUUID();

        ingest.send(Events.streamStarted(stream, partner.partner, 2, session));
        publish.send(Events.pushBroadcasting(target, stream, partner.partner, session, youtube));
        publish.send(new PushDegraded(target.toString(), stream.toString(), partner.partner.toString(), session.toString(),
                youtube.toString(), Network.YOUTUBE, Instant.now(), 1, "YouTube transition live: HTTP 403 invalidTransition"));

        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.live(match).then()
                .body("destinations[0].push.state", is("degraded"))
                .body("destinations[0].push.reason", is("YouTube transition live: HTTP 403 invalidTransition")));
        ingest.send(Events.streamEnded(stream, partner.partner, 3, session));
    }

    @Test
    void eachSessionOfACourtStreamCarriesTheNextScheduledMatch() {
        UUID stream = partner.stream(ingest);
        UUID first = partner.createMatch("2027-07-02T10:00:00Z", Map.of("streamId", stream, "title", "First"));
        UUID second = partner.createMatch("2027-07-02T12:00:00Z", Map.of("streamId", stream, "title", "Second"));

        UUID morning = UUID.randomUUID();
        ingest.send(Events.streamStarted(stream, partner.partner, 2, morning));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(first).then().body("status", is("live")));
        partner.match(second).then().body("status", is("scheduled"));
        ingest.send(Events.streamEnded(stream, partner.partner, 3, morning));
        UUID afternoon = UUID.randomUUID();
        ingest.send(Events.streamStarted(stream, partner.partner, 4, afternoon));

        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(second).then().body("status", is("live")));
        partner.match(first).then().body("status", is("ended"));
        UUID third = partner.createMatch("2027-07-02T14:00:00Z", Map.of("streamId", stream, "title", "Third"));
        partner.match(third).then().body("status", is("scheduled"));

        ingest.send(Events.streamEnded(stream, partner.partner, 5, afternoon));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(second).then().body("status", is("ended")));
        ingest.send(Events.streamStarted(stream, partner.partner, 6, UUID.randomUUID()));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(third).then().body("status", is("live")));
        UUID fourth = partner.createMatch("2027-07-02T16:00:00Z", Map.of("title", "Fourth"));
        partner.bind(fourth, stream).then().statusCode(200).body("status", is("scheduled"));
        partner.bind(third, partner.stream(ingest)).then().statusCode(409);
    }

    @Test
    void aMatchBoundToAStreamThatIsLiveGoesLiveAtOnce() {
        UUID stream = partner.stream(ingest);
        ingest.send(Events.streamStarted(stream, partner.partner, 2, UUID.randomUUID()));
        await().atMost(Catalog.DEADLINE).untilAsserted(() -> given().auth().oauth2(partner.token)
                .get("/v1/streams/{id}/live", stream).then().body("stream.state", is("live")));

        UUID match = partner.createMatch("2027-07-03T10:00:00Z", Map.of());
        partner.bind(match, stream).then().statusCode(200).body("status", is("live")).body("liveAt",
                org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aMatchNotLiveAfterItsGracePeriodIsFlaggedLateOnce() {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        double flagsBefore = Metrics.value("fanout_catalog_late_flags_total");
        UUID match = partner.createMatch(start.toString(), Map.of());

        await().atMost(Catalog.DEADLINE).untilAsserted(() -> partner.match(match).then().body("late", is(true)));
        MatchLate late = (MatchLate) read(catalogEvents.awaitRecord(r -> r.key().equals(match.toString())
                && EventType.MATCH_LATE.ceType().equals(r.header(CloudEvents.TYPE)), Catalog.DEADLINE));
        assertThat(late.scheduledStart()).isEqualTo(start);
        assertThat(late.graceSeconds()).isEqualTo(300);
        assertThat(Metrics.value("fanout_catalog_late_flags_total")).isGreaterThan(flagsBefore);
        await().atMost(Catalog.DEADLINE).until(() -> Metrics.value("fanout_catalog_matches_late") >= 1);

        given().auth().oauth2(partner.token).contentType(ContentType.JSON)
                .body(Map.of("scheduledStart", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .patch("/v1/matches/{id}", match).then().statusCode(200).body("late", is(false));
        assertThat(catalogEvents.awaitRecords(match.toString(), 3, Catalog.DEADLINE)).extracting(r -> r.header(CloudEvents.TYPE))
                .containsExactly(EventType.MATCH_SCHEDULED.ceType(), EventType.MATCH_LATE.ceType(),
                        EventType.MATCH_UPDATED.ceType());
    }

    @Test
    void theGoldenEventsAreReadAndAnotherPartnerSeesNone() {
        StreamStarted started = (StreamStarted) Golden.event(EventType.STREAM_STARTED);
        PushBroadcasting broadcasting = (PushBroadcasting) Golden.event(EventType.PUSH_BROADCASTING);
        ingest.send(started);
        publish.send(Golden.event(EventType.DESTINATION_CREATED));
        publish.send(broadcasting);
        String owner = TokenKeys.shared().partnerToken(UUID.fromString(started.partnerId()));

        await().atMost(Catalog.DEADLINE).untilAsserted(() -> given().auth().oauth2(owner)
                .get("/v1/streams/{id}/live", started.streamId()).then().statusCode(200).body("stream.state", is("live"))
                .body("destinations[0].name", is("Main YouTube channel"))
                .body("destinations[0].push.state", is("broadcasting")));
        given().auth().oauth2(TokenKeys.shared().partnerToken(UUID.randomUUID()))
                .get("/v1/streams/{id}/live", started.streamId()).then().statusCode(404);
    }

    @Test
    void poisonedStreamAndPushRecordsAreParked() {
        String key = UUID.randomUUID().toString();
        ingest.sendAs(Topics.STREAM_LIFECYCLE, key, "fanout.stream.exploded.v1", "{}".getBytes(StandardCharsets.UTF_8));
        publish.sendAs(Topics.PUSH_STATUS, key, EventType.PUSH_STARTING.ceType(),
                ("{\"targetId\":\"t\",\"streamId\":\"s\",\"partnerId\":\"p\",\"destinationId\":\"d\","
                        + "\"occurredAt\":\"2026-12-01T00:00:00Z\",\"attempt\":1}").getBytes(StandardCharsets.UTF_8));

        List<TopicRecorder.Recorded> parked = deadLetters.awaitRecords(key, 2, Catalog.DEADLINE);
        assertThat(parked).extracting(r -> r.header("dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown event type"))
                .anySatisfy(reason -> assertThat(reason).contains("a required field is missing"));
    }

    private static io.fanout.contracts.FanoutEvent read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
