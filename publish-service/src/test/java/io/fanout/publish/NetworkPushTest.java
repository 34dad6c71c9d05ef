package io.fanout.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.push.FailureCause;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.Probe;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes to networks with an API, end to end: the networks' APIs are a WireMock stub answering as
 * their documentation says, their ingest is a real nginx-rtmp stand-in, the media real.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
@WithTestResource(NetworkApisResource.class)
class NetworkPushTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(40);

    private final UUID partner = UUID.randomUUID();
    private final String token = TokenKeys.shared().partnerToken(partner);
    private final UUID stream = UUID.randomUUID();
    private final String session = UUID.randomUUID().toString();
    private final WireMockServer apis = NetworkApisResource.apis();
    private Encoder encoder;



    @AfterEach
    void stopEncoder() {
        if (encoder != null) {
            encoder.kill();
        }
    }

    @Test
    void aYouTubeBroadcastIsOpenedMadeLiveKeptThroughAnInterruptionAndCompletedAtTheEnd() {
        String streamName = "yt-" + stream;
        String broadcastId = "broadcast-" + stream;
        String liveStreamId = "stream-" + stream;
        Edge networks = EdgesResource.networks();
        stubYouTubeSession(streamName, broadcastId, liveStreamId);
        apis.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition")).withQueryParam("id", equalTo(broadcastId))
                .willReturn(okJson("{\"id\": \"" + broadcastId + "\"}")));
        String destination = createDestination(Map.of("network", "youtube", "token", "1//yt-refresh-secret"));

        goLive(destination);

        Probe.awaitMedia(networks.rtmpUrl("youtube", streamName), DEADLINE, media -> media.isH264Aac(320, 240));
        await().atMost(DEADLINE).until(() -> count(transition(broadcastId, "live")) == 1);

        encoder.kill();
        ingest.send(new StreamInterrupted(stream.toString(), partner.toString(), 3, Instant.now(), session,
                Instant.now().plusSeconds(60)));
        Probe.awaitMedia(networks.rtmpUrl("youtube", streamName), DEADLINE, media -> media.isH264Aac(1280, 720));
        assertThat(count(transition(broadcastId, "complete"))).as("an interruption ends no broadcast").isZero();

        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 4, Instant.now(), session, EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> count(transition(broadcastId, "complete")) == 1);
        assertThat(count(postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts"))
                .withRequestBody(equalToJson("{\"snippet\": {\"title\": \"Network final\"}}", true, true))))
                .as("one broadcast for the session, whatever its pushes did").isEqualTo(1);
    }

    @Test
    void aBroadcastYouTubeRefusesToMakeLiveLeavesItsPushVisiblyDegraded() {
        String streamName = "yt-degraded-" + stream;
        String broadcastId = "broadcast-degraded-" + stream;
        String liveStreamId = "stream-degraded-" + stream;
        Edge networks = EdgesResource.networks();
        stubYouTubeSession(streamName, broadcastId, liveStreamId);
        // Data API errors: the broadcast cannot go to the requested status (403 invalidTransition).
        apis.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition")).withQueryParam("id", equalTo(broadcastId))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": 403, "message": "Invalid transition",
                          "errors": [{"domain": "youtube.liveBroadcast", "reason": "invalidTransition"}]}}""")));
        String destination = createDestination(Map.of("network", "youtube", "token", "1//yt-refresh-secret"));
        double degradedBefore = Metrics.value("fanout_publish_degradations_total{network=\"youtube\"}");

        String target = goLive(destination);

        Probe.awaitMedia(networks.rtmpUrl("youtube", streamName), DEADLINE, media -> media.isH264Aac(320, 240));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_DEGRADED.ceType()));
        PushDegraded degraded = (PushDegraded) events(target, EventType.PUSH_DEGRADED).get(0);
        assertThat(degraded.reason()).contains("invalidTransition");
        given().auth().oauth2(token).get("/v1/streams/{id}/targets/{target}", stream, target).then().statusCode(200)
                .body("push.state", is("DEGRADED")).body("push.reason", containsString("invalidTransition"));
        assertThat(Metrics.value("fanout_publish_degradations_total{network=\"youtube\"}")).isEqualTo(degradedBefore + 1);
        await().atMost(DEADLINE).until(() -> Metrics.value("fanout_publish_pushes{network=\"youtube\",state=\"DEGRADED\"}") == 1);

        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_STOPPED.ceType()));
    }

    @Test
    void aFacebookPageWhoseTokenExpiredFailsThePushWithTheReason() {
        apis.stubFor(post(urlEqualTo("/graph/v26.0/1029384756/live_videos")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "Error validating access token: Session has expired.",
                          "type": "OAuthException", "code": 190, "error_subcode": 463}}""")));
        String destination = createDestination(Map.of("network", "facebook", "accountId", "1029384756",
                "token", "EAAB-expired-secret"));
        String target = announceWithTarget(destination);

        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));

        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_FAILED.ceType()));
        PushFailed failed = (PushFailed) read(pushStatus.withKey(target).get(1));
        assertThat(failed.cause()).isEqualTo(FailureCause.CREDENTIALS_REFUSED);
        assertThat(failed.reason()).contains("code 190").doesNotContain("EAAB-expired-secret");
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
    }

    @Test
    void anXBroadcastRateLimitedOnceIsRetriedGoesLiveAndEndsWithTheStream() {
        Edge networks = EdgesResource.networks();
        String key = "x-" + stream;
        String broadcastId = "1x" + stream.toString().substring(0, 8);
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).inScenario(key).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalToJson("{\"source_id\": \"1234567890123456789\"}", true, true))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withHeader("x-rate-limit-reset", Long.toString(Instant.now().plusSeconds(1).getEpochSecond()))
                        .withBody("{\"title\": \"Too Many Requests\", \"status\": 429}"))
                .willSetStateTo("reset"));
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).inScenario(key).whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {\"id\": \"" + broadcastId + "\", \"state\": \"RUNNING\"}}")));
        apis.stubFor(put(urlEqualTo("/x/2/broadcasts/" + broadcastId + "/state"))
                .willReturn(okJson("{\"data\": {\"id\": \"" + broadcastId + "\", \"state\": \"ENDED\"}}")));
        String destination = createDestination(Map.of("network", "x", "accountId", "1234567890123456789",
                "token", "x-user-token-secret", "ingestUrl", networks.rtmpUrl("twitch"), "streamKey", key));

        String target = goLive(destination);

        Probe.awaitMedia(networks.rtmpUrl("twitch", key), DEADLINE, media -> media.isH264Aac(320, 240));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_BROADCASTING.ceType()));
        List<PushRetrying> retries = events(target, EventType.PUSH_RETRYING);
        assertThat(retries).extracting(PushRetrying::reason).first().asString().contains("HTTP 429");

        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> count(putRequestedFor(urlEqualTo("/x/2/broadcasts/" + broadcastId + "/state"))
                .withRequestBody(equalToJson("{\"state\": \"END\"}"))) == 1);
    }

    @Test
    void aNetworksRetryAfterDelaysTheNextAttemptBeyondTheBackOff() {
        Edge networks = EdgesResource.networks();
        String key = "x-wait-" + stream;
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).withRequestBody(matchingJsonPath("$.source_id", equalTo(key)))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withHeader("Retry-After", "30").withBody("{\"title\": \"Too Many Requests\", \"status\": 429}")));
        String destination = createDestination(Map.of("network", "x", "accountId", key,
                "token", "x-user-token-secret", "ingestUrl", networks.rtmpUrl("twitch"), "streamKey", key));
        String target = announceWithTarget(destination);

        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));

        await().atMost(DEADLINE).until(() -> !events(target, EventType.PUSH_RETRYING).isEmpty());
        PushRetrying retrying = (PushRetrying) events(target, EventType.PUSH_RETRYING).get(0);
        assertThat(Duration.between(retrying.occurredAt(), retrying.nextTryAt())).as("the announced wait")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        // The tests' policy (1 s back-off, at most 2 s) would have tried twice more within 6 s; X asked for 30.
        RequestPatternBuilder opens = postRequestedFor(urlEqualTo("/x/2/broadcasts"))
                .withRequestBody(matchingJsonPath("$.source_id", equalTo(key)));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> count(opens) == 1);

        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> types(target).contains(EventType.PUSH_STOPPED.ceType()));
    }

    @Test
    void anXBroadcastThatTimedOutIsReplacedByANewOneOnTheNextAttempt() {
        Edge networks = EdgesResource.networks();
        String key = "x-timeout-" + stream;
        String first = "3x" + stream.toString().substring(0, 8);
        String second = "4x" + stream.toString().substring(0, 8);
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).inScenario(key).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.source_id", equalTo(key)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {\"id\": \"" + first + "\", \"state\": \"RUNNING\"}}"))
                .willSetStateTo("opened"));
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).inScenario(key).whenScenarioStateIs("opened")
                .withRequestBody(matchingJsonPath("$.source_id", equalTo(key)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {\"id\": \"" + second + "\", \"state\": \"RUNNING\"}}")));
        // X ended the first broadcast: its source got no media in time (no encoder feeds this stream).
        apis.stubFor(get(urlEqualTo("/x/2/broadcasts/" + first))
                .willReturn(okJson("{\"data\": {\"id\": \"" + first + "\", \"state\": \"TIMED_OUT\"}}")));
        apis.stubFor(get(urlEqualTo("/x/2/broadcasts/" + second))
                .willReturn(okJson("{\"data\": {\"id\": \"" + second + "\", \"state\": \"RUNNING\"}}")));
        apis.stubFor(put(urlEqualTo("/x/2/broadcasts/" + second + "/state"))
                .willReturn(okJson("{\"data\": {\"id\": \"" + second + "\", \"state\": \"ENDED\"}}")));
        String destination = createDestination(Map.of("network", "x", "accountId", key,
                "token", "x-user-token-secret", "ingestUrl", networks.rtmpUrl("twitch"), "streamKey", key));
        String target = announceWithTarget(destination);

        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));

        // The first attempt reads a source that never comes and breaks at its start deadline; the next
        // finds its broadcast timed out on X and opens a new one.
        await().atMost(DEADLINE).until(() -> count(postRequestedFor(urlEqualTo("/x/2/broadcasts"))
                .withRequestBody(matchingJsonPath("$.source_id", equalTo(key)))) == 2);
        assertThat(count(getRequestedFor(urlEqualTo("/x/2/broadcasts/" + first)))).isEqualTo(1);
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
        await().atMost(DEADLINE).until(() -> count(putRequestedFor(urlEqualTo("/x/2/broadcasts/" + second + "/state"))) == 1);
        assertThat(count(putRequestedFor(urlEqualTo("/x/2/broadcasts/" + first + "/state")))).as("the timed-out one")
                .isZero();
        assertThat(types(target)).contains(EventType.PUSH_RETRYING.ceType());
    }

    @Test
    void aBroadcastPlannedByACatalogMatchIsTitledAsThePlanSays() {
        Edge networks = EdgesResource.networks();
        String key = "x-plan-" + stream;
        String broadcastId = "2x" + stream.toString().substring(0, 8);
        apis.stubFor(post(urlEqualTo("/x/2/broadcasts")).withRequestBody(matchingJsonPath("$.source_id", equalTo(key)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {\"id\": \"" + broadcastId + "\", \"state\": \"RUNNING\"}}")));
        apis.stubFor(put(urlEqualTo("/x/2/broadcasts/" + broadcastId + "/state"))
                .willReturn(okJson("{\"data\": {\"id\": \"" + broadcastId + "\", \"state\": \"ENDED\"}}")));
        String destination = createDestination(Map.of("network", "x", "accountId", key,
                "token", "x-user-token-secret", "ingestUrl", networks.rtmpUrl("twitch"), "streamKey", key));
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Network final", 60, false));
        try (EventPublisher catalog = EventPublisher.as("/fanout/catalog-service")) {
            catalog.send(new MatchScheduled("match-" + stream, partner.toString(), 1, Instant.now(),
                    CatalogPlanTest.details(stream, destination)));
        }
        await().atMost(DEADLINE).until(() -> {
            var targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream);
            return targets.statusCode() == 200 && targets.jsonPath().getList("$").size() == 1;
        });
        String source = EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString());
        encoder = Encoder.to(source).size(320, 240).start();
        Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));

        Probe.awaitMedia(networks.rtmpUrl("twitch", key), DEADLINE, media -> media.isH264Aac(320, 240));
        assertThat(count(postRequestedFor(urlEqualTo("/x/2/broadcasts")).withRequestBody(matchingJsonPath("$.source_id",
                equalTo(key))).withRequestBody(matchingJsonPath("$.title", equalTo("Six Nations: France v Ireland")))))
                .isEqualTo(1);
        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session, EndReason.COMPLETED));
    }

    /**
     * YouTube as its reference documents answer a session: an access token, {@code liveStreams.insert}
     * pushing to the stand-in, {@code liveBroadcasts.insert} and {@code bind}, and the stream active
     * once asked. Each test stubs the transitions it needs.
     */
    private void stubYouTubeSession(String streamName, String broadcastId, String liveStreamId) {
        apis.stubFor(post("/token").willReturn(okJson("{\"access_token\": \"ya29.test\", \"expires_in\": 3599}")));
        apis.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(okJson(Json.mapper().valueToTree(Map.of(
                "id", liveStreamId, "cdn", Map.of("ingestionType", "rtmp", "ingestionInfo", Map.of(
                        "streamName", streamName, "ingestionAddress", EdgesResource.networks().rtmpUrl("youtube")))))
                .toString())));
        apis.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts"))
                .willReturn(okJson("{\"id\": \"" + broadcastId + "\", \"status\": {\"lifeCycleStatus\": \"created\"}}")));
        apis.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/bind")).withQueryParam("id", equalTo(broadcastId))
                .willReturn(okJson("{\"id\": \"" + broadcastId + "\"}")));
        apis.stubFor(get(urlPathEqualTo("/youtube/v3/liveStreams")).withQueryParam("id", equalTo(liveStreamId))
                .willReturn(okJson("{\"items\": [{\"id\": \"" + liveStreamId + "\", \"status\": {\"streamStatus\": \"active\"}}]}")));
    }

    private String createDestination(Map<String, String> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("name", fields.get("network") + " account");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/destinations")
                .then().statusCode(201).extract().path("id");
    }

    private String announceWithTarget(String destination) {
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Network final", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
        return given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream).then().extract().path("id[0]");
    }

    /** Announces the stream with a target, publishes an encoder to the edge and starts the session. */
    private String goLive(String destination) {
        String target = announceWithTarget(destination);
        String source = EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString());
        encoder = Encoder.to(source).size(320, 240).start();
        Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
        ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));
        return target;
    }

    private RequestPatternBuilder transition(String broadcastId, String to) {
        return postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition"))
                .withQueryParam("id", equalTo(broadcastId)).withQueryParam("broadcastStatus", equalTo(to));
    }

    private int count(RequestPatternBuilder requests) {
        return apis.findAll(requests).size();
    }

}
