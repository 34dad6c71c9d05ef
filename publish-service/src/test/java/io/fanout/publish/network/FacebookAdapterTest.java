package io.fanout.publish.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fanout.publish.network.NetworkException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Facebook adapter against a stub of the Graph API's live video endpoints, answering as its
 * reference: {@code POST /{page-id}/live_videos} and {@code POST /{live-video-id}}, errors as Graph
 * error objects (OAuthException 190, throttling codes).
 */
class FacebookAdapterTest {

    private final WireMockServer graph = new WireMockServer(options().dynamicPort());
    private final NetworkAccount page = new NetworkAccount("1234567890", "EAAB-page-token-secret", null, null);
    private FacebookAdapter adapter;

    @BeforeEach
    void start() {
        graph.start();
        adapter = new FacebookAdapter(graph.baseUrl());
    }

    @AfterEach
    void stop() {
        graph.stop();
    }

    @Test
    void createsALiveNowVideoPushesToItsSecureUrlAndEndsIt() throws Exception {
        graph.stubFor(post(urlEqualTo("/1234567890/live_videos")).withRequestBody(containing("status=LIVE_NOW"))
                .withRequestBody(containing("access_token=EAAB-page-token-secret"))
                .willReturn(okJson("{\"id\": \"987654321\", \"stream_url\": \"rtmps://live-api-s.facebook.com:443/rtmp/FB-987-0-Ab\","
                        + " \"secure_stream_url\": \"rtmps://live-api-s.facebook.com:443/rtmp/FB-987-0-Ab\"}")));
        graph.stubFor(post(urlEqualTo("/987654321")).withRequestBody(containing("end_live_video=true"))
                .willReturn(okJson("{\"id\": \"987654321\"}")));

        NetworkBroadcast video = adapter.open(page, "Final");
        adapter.live(page, video);
        adapter.end(page, video);

        assertThat(video).isEqualTo(new NetworkBroadcast("987654321", "rtmps://live-api-s.facebook.com:443/rtmp",
                "FB-987-0-Ab", null));
        graph.verify(postRequestedFor(urlEqualTo("/987654321")).withRequestBody(containing("end_live_video=true")));
        assertThat(graph.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl())
                .as("the token never travels in a URL").doesNotContain("page-token"));
    }

    @Test
    void anExpiredPageTokenIsRefusedCredentials() {
        graph.stubFor(post(urlEqualTo("/1234567890/live_videos")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "Error validating access token: Session has expired on Friday.",
                          "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AbC"}}""")));

        assertThatThrownBy(() -> adapter.open(page, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.CREDENTIALS_REFUSED))
                .hasMessageContaining("code 190").hasMessageNotContaining("page-token-secret");
    }

    @Test
    void throttlingIsRateLimitedAndTransientErrorsAreRetried() {
        graph.stubFor(post(urlEqualTo("/1234567890/live_videos")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "(#32) Page request limit reached", "type": "OAuthException",
                          "code": 32, "fbtrace_id": "AbC"}}""")));
        assertThatThrownBy(() -> adapter.open(page, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.RATE_LIMITED));

        graph.stubFor(post(urlEqualTo("/1234567890/live_videos")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "An unknown error occurred", "type": "OAuthException", "code": 1,
                          "is_transient": true}}""")));
        assertThatThrownBy(() -> adapter.open(page, "Final"))
                .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(Kind.UNAVAILABLE));
    }
}
