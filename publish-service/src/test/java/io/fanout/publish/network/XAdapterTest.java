package io.fanout.publish.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
}
