package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * X Livestream API (successor of Periscope Producer): the partner's stream source is persistent
 * (its RTMPS URL and key are the destination's); per session {@code POST /2/broadcasts} takes the
 * source live at once ({@code RUNNING}; X ends it {@code TIMED_OUT} if no video arrives within 5
 * minutes, so it is called right before the push starts), and {@code PUT /2/broadcasts/{id}/state}
 * with {@code END} ends it. OAuth 2.0 user context: with Fanout's X client configured, the partner's
 * token is a refresh token ({@code offline.access}); access tokens come from
 * {@code POST /2/oauth2/token} (they last two hours), and the refresh token X returns with each one
 * replaces the used one, which X retires (docs.x.com: OAuth 2.0 Authorization Code Flow with PKCE,
 * refresh tokens, confidential clients). Without a client the token is used as an access token.
 */
public final class XAdapter implements NetworkAdapter {

    private static final Set<String> TERMINAL = Set.of("ENDED", "TIMED_OUT", "CANCELED");

    private final String apiUrl;
    private final String clientId;
    private final String clientSecret;
    private final OAuthTokens tokens = new OAuthTokens(this::grant);

    public XAdapter(String apiUrl) {
        this(apiUrl, "", "");
    }

    /** {@code clientId} empty: partners' tokens are access tokens; {@code clientSecret} empty: a public client. */
    public XAdapter(String apiUrl, String clientId, String clientSecret) {
        this.apiUrl = apiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Network network() {
        return Network.X;
    }

    @Override
    public NetworkBroadcast open(NetworkAccount account, String title) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl + "/2/broadcasts")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(ApiCall.json(Map.of("source_id", account.accountId(), "title", title, "should_not_tweet", false)))
                .build(), "go live"));
        check(answer, "go live");
        String id = ApiCall.text(answer.body().path("data").path("id"), "broadcast id");
        return new NetworkBroadcast(id, account.ingestUrl(), account.streamKey(), account.accountId());
    }

    /** Going live already made the broadcast public. */
    @Override
    public void live(NetworkAccount account, NetworkBroadcast broadcast) {
        // nothing to call
    }

    @Override
    public void end(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl + "/2/broadcasts/"
                + ApiCall.encode(broadcast.broadcastId()) + "/state").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(ApiCall.json(Map.of("state", "END"))).build(), "end"));
        check(answer, "end");
    }

    /**
     * {@code GET /2/broadcasts/:id}: X ends a broadcast {@code TIMED_OUT} when no media came in time,
     * or {@code CANCELED}; {@code ENDED} after an end. All three are terminal (docs.x.com,
     * Livestream API: broadcast lifecycle, get broadcast by id).
     */
    @Override
    public boolean endedByNetwork(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl + "/2/broadcasts/"
                + ApiCall.encode(broadcast.broadcastId())).header("Authorization", "Bearer " + token).GET().build(),
                "get broadcast"));
        if (answer.status() == 404) {
            return true;
        }
        check(answer, "get broadcast");
        return TERMINAL.contains(answer.body().path("data").path("state").asText(""));
    }

    /** With a client, the call is made with an access token from the account's refresh token; without, with the token. */
    private Answer authorized(NetworkAccount account, OAuthTokens.Call call) throws NetworkException {
        return clientId.isEmpty() ? call.with(account.token()) : tokens.authorized(account, call);
    }

    /** X's refresh-token grant: form fields, and Basic authentication for a confidential client. */
    private OAuthTokens.Granted grant(String refreshToken) throws NetworkException {
        HttpRequest.Builder request = ApiCall.request(apiUrl + "/2/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ApiCall.form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                        "client_id", clientId)));
        if (!clientSecret.isEmpty()) {
            request.header("Authorization", LoginCalls.basic(clientId, clientSecret));
        }
        Answer answer = ApiCall.send(request.build(), "OAuth token");
        if (answer.status() == 400 || answer.status() == 401) {
            String error = answer.body().path("error").asText("");
            throw new NetworkException(Kind.CREDENTIALS_REFUSED, "X refused the account's authorisation ("
                    + (error.isEmpty() ? "HTTP " + answer.status() : error) + "): reconnect the account");
        }
        check(answer, "OAuth token");
        return new OAuthTokens.Granted(ApiCall.text(answer.body().path("access_token"), "access_token"),
                answer.body().path("expires_in").asLong(0), answer.body().path("refresh_token").asText(""));
    }

    private static void check(Answer answer, String what) throws NetworkException {
        if (answer.ok()) {
            return;
        }
        String detail = answer.body().path("detail").asText(answer.body().path("title").asText(""));
        String message = "X " + what + ": HTTP " + answer.status() + (detail.isEmpty() ? "" : " " + detail);
        switch (answer.status()) {
            case 401 -> throw new NetworkException(Kind.CREDENTIALS_REFUSED, message + ": reconnect the account");
            case 429 -> throw new NetworkException(Kind.RATE_LIMITED, message, resetIn(answer));
            // 409: the source cannot go live yet (no video) or another broadcast is live on it.
            case 409 -> throw new NetworkException(Kind.UNAVAILABLE, message);
            default -> throw new NetworkException(answer.status() >= 500 ? Kind.UNAVAILABLE : Kind.REFUSED, message);
        }
    }

    /** X says when its window resets: {@code x-rate-limit-reset}, in epoch seconds. */
    private static Duration resetIn(Answer answer) {
        return answer.headers().firstValue("x-rate-limit-reset").flatMap(ApiCall::seconds)
                .map(epoch -> Duration.between(Instant.now(), Instant.ofEpochSecond(epoch.toSeconds())))
                .filter(wait -> !wait.isNegative()).orElse(answer.retryAfter().orElse(null));
    }
}
