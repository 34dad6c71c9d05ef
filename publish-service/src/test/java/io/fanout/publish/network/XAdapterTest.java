package io.fanout.publish.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fanout.publish.network.NetworkException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The X adapter against a stub of the Livestream API as documented: {@code POST /2/broadcasts}
 * (Go Live, 201 with the broadcast RUNNING), {@code PUT /2/broadcasts/{id}/state} {@code END};
 * errors as problem details with the rate-limit headers.
 */
class XAdapterTest {

    private final WireMockServer x = new WireMockServer(options().dynamicPort());
    private final NetworkAccount source = new NetworkAccount("1234567890123456789", "x-user-token-secret",
            "rtmps://va.pscp.tv:443/x", "source-stream-key");
    private XAdapter adapter;

    @BeforeEach
    void start() {
        x.start();
        adapter = new XAdapter(x.baseUrl());
    }

    @AfterEach
    void stop() {
        x.stop();
    }

    @Test
    void goesLiveOnTheSourcePushesToItAndEndsTheBroadcast() throws Exception {
        x.stubFor(post(urlEqualTo("/2/broadcasts")).withHeader("Authorization", equalTo("Bearer x-user-token-secret"))
                .withRequestBody(equalToJson("{\"source_id\": \"1234567890123456789\", \"title\": \"Final\"}", true, true))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"data": {"id": "1OwxWXYZabcde", "broadcast_id": "1OwxWXYZabcde", "state": "RUNNING",
                          "share_url": "https://x.com/i/broadcasts/1OwxWXYZabcde"}}""")));
        x.stubFor(put(urlEqualTo("/2/broadcasts/1OwxWXYZabcde/state")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"id\": \"1OwxWXYZabcde\", \"state\": \"ENDED\"}}")));

        NetworkBroadcast broadcast = adapter.open(source, "Final");
        adapter.live(source, broadcast);
        adapter.end(source, broadcast);

        assertThat(broadcast).isEqualTo(new NetworkBroadcast("1OwxWXYZabcde", "rtmps://va.pscp.tv:443/x",
                "source-stream-key", "1234567890123456789"));
        x.verify(putRequestedFor(urlEqualTo("/2/broadcasts/1OwxWXYZabcde/state"))
                .withRequestBody(equalToJson("{\"state\": \"END\"}")));
    }

    @Test
    void anExpiredUserTokenIsRefusedCredentials() {
        x.stubFor(post(urlEqualTo("/2/broadcasts")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Unauthorized\", \"type\": \"about:blank\", \"status\": 401, \"detail\": \"Unauthorized\"}")));

        assertThatThrownBy(() -> adapter.open(source, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.CREDENTIALS_REFUSED))
                .hasMessageNotContaining("x-user-token-secret");
    }

    @Test
    void aRateLimitWaitsUntilTheWindowResetsAndAConflictIsRetried() {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        x.stubFor(post(urlEqualTo("/2/broadcasts")).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "5").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Too Many Requests\", \"detail\": \"Too Many Requests\", \"status\": 429}")));
        assertThatThrownBy(() -> adapter.open(source, "Final")).satisfies(e -> {
            NetworkException failure = (NetworkException) e;
            assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                    .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
        });

        x.stubFor(post(urlEqualTo("/2/broadcasts")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"conflict\", \"detail\": \"The source cannot go live before video is flowing.\"}")));
        assertThatThrownBy(() -> adapter.open(source, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.UNAVAILABLE))
                .hasMessageContaining("video is flowing");
    }

    @Test
    void aBroadcastTimedOutCancelledOrGoneIsEndedByTheNetworkAndARunningOneIsNot() throws Exception {
        for (String state : new String[] {"RUNNING", "TIMED_OUT", "CANCELED", "ENDED"}) {
            x.stubFor(get(urlEqualTo("/2/broadcasts/b-" + state)).withHeader("Authorization", equalTo("Bearer x-user-token-secret"))
                    .willReturn(okJson("{\"data\": {\"id\": \"b-" + state + "\", \"state\": \"" + state + "\"}}")));
        }
        x.stubFor(get(urlEqualTo("/2/broadcasts/b-gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\": \"Not Found Error\"}")));

        assertThat(adapter.endedByNetwork(source, broadcast("b-RUNNING"))).isFalse();
        assertThat(adapter.endedByNetwork(source, broadcast("b-TIMED_OUT"))).isTrue();
        assertThat(adapter.endedByNetwork(source, broadcast("b-CANCELED"))).isTrue();
        assertThat(adapter.endedByNetwork(source, broadcast("b-ENDED"))).isTrue();
        assertThat(adapter.endedByNetwork(source, broadcast("b-gone"))).isTrue();
    }

    private NetworkBroadcast broadcast(String id) {
        return new NetworkBroadcast(id, source.ingestUrl(), source.streamKey(), source.accountId());
    }

    @Test
    void withFanoutsClientAccessTokensComeFromTheRefreshTokenAndEachReplacedOneIsStored() throws Exception {
        XAdapter client = new XAdapter(x.baseUrl(), "fanout-x-client", "fanout-x-secret");
        List<String> stored = new ArrayList<>();
        NetworkAccount account = new NetworkAccount("1234567890123456789", "refresh-1", source.ingestUrl(),
                source.streamKey(), stored::add);
        String basic = "Basic " + Base64.getEncoder().encodeToString("fanout-x-client:fanout-x-secret".getBytes());
        x.stubFor(post(urlEqualTo("/2/oauth2/token")).withHeader("Authorization", equalTo(basic))
                .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("refresh_token=refresh-1"))
                .withRequestBody(containing("client_id=fanout-x-client"))
                .willReturn(okJson(token("access-1", "refresh-2"))));
        x.stubFor(post(urlEqualTo("/2/oauth2/token")).withHeader("Authorization", equalTo(basic))
                .withRequestBody(containing("refresh_token=refresh-2")).willReturn(okJson(token("access-2", "refresh-3"))));
        x.stubFor(post(urlEqualTo("/2/broadcasts")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": {\"id\": \"1OwxRefresh\", \"state\": \"RUNNING\"}}")));
        // X revoked the first access token early: the next call gets a fresh one from the replacing refresh token.
        x.stubFor(put(urlEqualTo("/2/broadcasts/1OwxRefresh/state")).withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\": \"Unauthorized\", \"status\": 401}")));
        x.stubFor(put(urlEqualTo("/2/broadcasts/1OwxRefresh/state")).withHeader("Authorization", equalTo("Bearer access-2"))
                .willReturn(okJson("{\"data\": {\"id\": \"1OwxRefresh\", \"state\": \"ENDED\"}}")));

        NetworkBroadcast broadcast = client.open(account, "Final");
        client.end(account, broadcast);

        assertThat(stored).containsExactly("refresh-2", "refresh-3");
        x.verify(1, postRequestedFor(urlEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=refresh-1")));
        x.verify(1, postRequestedFor(urlEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=refresh-2")));
    }

    @Test
    void aRefreshTokenXNoLongerAcceptsIsRefusedCredentials() {
        XAdapter client = new XAdapter(x.baseUrl(), "fanout-x-client", "");
        x.stubFor(post(urlEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_request\", \"error_description\": \"Value passed for the token was invalid.\"}")));

        assertThatThrownBy(() -> client.open(new NetworkAccount("1", "retired-refresh", null, null), "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.CREDENTIALS_REFUSED))
                .hasMessageContaining("reconnect the account").hasMessageNotContaining("retired-refresh");
        x.verify(0, postRequestedFor(urlEqualTo("/2/broadcasts")));
    }

    /** X's answer to a refresh-token grant (OAuth 2.0 token endpoint). */
    private static String token(String access, String refresh) {
        return "{\"token_type\": \"bearer\", \"expires_in\": 7200, \"access_token\": \"" + access
                + "\", \"scope\": \"tweet.read users.read offline.access\", \"refresh_token\": \"" + refresh + "\"}";
    }
}
