package io.fanout.publish.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.fanout.publish.network.NetworkException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The YouTube adapter against a stub of the Live Streaming API and Google's OAuth token endpoint,
 * answering as their reference documents: liveStreams.insert, liveBroadcasts.insert, bind,
 * liveStreams.list, transition; errors as Google's JSON error bodies.
 */
class YouTubeAdapterTest {

    private final WireMockServer google = new WireMockServer(options().dynamicPort());
    private final NetworkAccount account = new NetworkAccount(null, "1//refresh-token-secret", null, null);
    private YouTubeAdapter adapter;

    @BeforeEach
    void start() {
        google.start();
        adapter = new YouTubeAdapter(google.baseUrl(), google.baseUrl(), "client-id", "client-secret");
        google.stubFor(post("/token").withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=1%2F%2Frefresh-token-secret"))
                .willReturn(okJson("{\"access_token\": \"ya29.access\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
    }

    @AfterEach
    void stop() {
        google.stop();
    }

    @Test
    void opensABoundBroadcastGoesLiveOnceTheStreamIsActiveAndCompletesIt() throws Exception {
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).withHeader("Authorization", equalTo("Bearer ya29.access"))
                .withRequestBody(matchingJsonPath("$.cdn[?(@.ingestionType == 'rtmp')]"))
                .willReturn(okJson("""
                        {"kind": "youtube#liveStream", "id": "stream-1",
                         "cdn": {"ingestionType": "rtmp", "ingestionInfo": {
                           "streamName": "abcd-efgh-ijkl-mnop",
                           "ingestionAddress": "rtmp://a.rtmp.youtube.com/live2",
                           "rtmpsIngestionAddress": "rtmps://a.rtmps.youtube.com/live2"}},
                         "status": {"streamStatus": "ready"}}""")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts"))
                .withRequestBody(matchingJsonPath("$.snippet.scheduledStartTime"))
                .willReturn(okJson("{\"kind\": \"youtube#liveBroadcast\", \"id\": \"broadcast-1\","
                        + " \"status\": {\"lifeCycleStatus\": \"created\"}}")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/bind"))
                .withQueryParam("id", equalTo("broadcast-1")).withQueryParam("streamId", equalTo("stream-1"))
                .willReturn(okJson("{\"id\": \"broadcast-1\", \"contentDetails\": {\"boundStreamId\": \"stream-1\"}}")));

        NetworkBroadcast broadcast = adapter.open(account, "Final");

        assertThat(broadcast).isEqualTo(new NetworkBroadcast("broadcast-1", "rtmps://a.rtmps.youtube.com/live2",
                "abcd-efgh-ijkl-mnop", "stream-1"));

        google.stubFor(get(urlPathEqualTo("/youtube/v3/liveStreams")).withQueryParam("id", equalTo("stream-1"))
                .willReturn(okJson("{\"items\": [{\"id\": \"stream-1\", \"status\": {\"streamStatus\": \"ready\"}}]}")));
        assertThatThrownBy(() -> adapter.live(account, broadcast)).isInstanceOf(NetworkException.class)
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.UNAVAILABLE))
                .hasMessageContaining("not active yet");
        google.verify(0, postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition")));

        google.stubFor(get(urlPathEqualTo("/youtube/v3/liveStreams")).withQueryParam("id", equalTo("stream-1"))
                .willReturn(okJson("{\"items\": [{\"id\": \"stream-1\", \"status\": {\"streamStatus\": \"active\"}}]}")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition"))
                .willReturn(okJson("{\"id\": \"broadcast-1\", \"status\": {\"lifeCycleStatus\": \"live\"}}")));
        adapter.live(account, broadcast);
        adapter.end(account, broadcast);

        google.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition"))
                .withQueryParam("broadcastStatus", equalTo("live")).withQueryParam("id", equalTo("broadcast-1")));
        google.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts/transition"))
                .withQueryParam("broadcastStatus", equalTo("complete")).withQueryParam("id", equalTo("broadcast-1")));
        google.verify(1, postRequestedFor(urlPathEqualTo("/token")));
        google.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/liveBroadcasts"))
                .withRequestBody(equalToJson("{\"snippet\": {\"title\": \"Final\"}, \"status\": {\"privacyStatus\": \"public\"},"
                        + " \"contentDetails\": {\"enableAutoStart\": false}}", true, true)));
    }

    @Test
    void aRevokedRefreshTokenIsRefusedCredentials() {
        google.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}")));

        assertThatThrownBy(() -> adapter.open(account, "Final")).isInstanceOf(NetworkException.class)
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.CREDENTIALS_REFUSED))
                .hasMessageContaining("invalid_grant").hasMessageNotContaining("refresh-token-secret");
    }

    @Test
    void rateLimitsAreRetryableWithTheWaitGoogleAsksFor() {
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": 403, "message": "Rate limit exceeded",
                          "errors": [{"domain": "youtube.liveStream", "reason": "userRateLimitExceeded"}]}}""")));
        assertThatThrownBy(() -> adapter.open(account, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.RATE_LIMITED));

        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")));
        assertThatThrownBy(() -> adapter.open(account, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).retryAfter()).contains(Duration.ofSeconds(30)));

        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> adapter.open(account, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void aChannelNotEnabledForLiveStreamingIsRefusedForGood() {
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": 403, "message": "The user is not enabled for live streaming.",
                          "errors": [{"domain": "youtube.liveBroadcast", "reason": "liveStreamingNotEnabled"}]}}""")));

        assertThatThrownBy(() -> adapter.open(account, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.REFUSED))
                .hasMessageContaining("liveStreamingNotEnabled");
    }

    @Test
    void anAccessTokenRefusedBeforeItsExpiryIsGrantedAfreshOnce() throws Exception {
        google.stubFor(post("/token").inScenario("grants").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"ya29.revoked\", \"expires_in\": 3599}")).willSetStateTo("fresh"));
        google.stubFor(post("/token").inScenario("grants").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"access_token\": \"ya29.fresh\", \"expires_in\": 3599}")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).withHeader("Authorization", equalTo("Bearer ya29.revoked"))
                .willReturn(UNAUTHORIZED));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
                .willReturn(okJson("""
                        {"id": "stream-2", "cdn": {"ingestionInfo": {"streamName": "key-2",
                         "ingestionAddress": "rtmp://a.rtmp.youtube.com/live2"}}}""")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts")).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
                .willReturn(okJson("{\"id\": \"broadcast-2\"}")));
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveBroadcasts/bind")).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
                .willReturn(okJson("{\"id\": \"broadcast-2\"}")));

        assertThat(adapter.open(account, "Final").broadcastId()).isEqualTo("broadcast-2");
        google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void anAccessTokenRefusedAgainAfterAFreshGrantIsRefusedCredentials() {
        google.stubFor(post(urlPathEqualTo("/youtube/v3/liveStreams")).willReturn(UNAUTHORIZED));

        assertThatThrownBy(() -> adapter.open(account, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.CREDENTIALS_REFUSED));
        google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
        google.verify(2, postRequestedFor(urlPathEqualTo("/youtube/v3/liveStreams")));
    }

    /** Google's answer to an access token it no longer accepts (Data API errors: 401 {@code authError}). */
    private static final ResponseDefinitionBuilder UNAUTHORIZED = aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json").withBody("""
                    {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                      "errors": [{"domain": "global", "reason": "authError", "location": "Authorization"}]}}""");
}
