package io.fanout.publish.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * YouTube Live Streaming API (Data API v3): an OAuth access token from the partner's refresh
 * token, then per session {@code liveStreams.insert} (where to push), {@code liveBroadcasts.insert}
 * and {@code bind}; {@code transition} to {@code live} once the bound stream's
 * {@code status.streamStatus} is {@code active}, and to {@code complete} at the end. Pushes go to
 * the RTMPS ingestion address when YouTube gives one. Documents followed: developers.google.com/youtube/v3/live
 * (liveStreams, liveBroadcasts: insert, bind, transition; errors), developers.google.com/identity/protocols/oauth2
 * (refresh-token grant, {@code invalid_grant}) and the Data API's error reference (401 {@code authError}).
 */
public final class YouTubeAdapter implements NetworkAdapter {

    private static final Set<String> RATE_LIMITS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
    private static final Set<String> ALREADY_THERE = Set.of("redundantTransition");
    private static final Set<String> TERMINAL = Set.of("complete", "revoked");

    private final String oauthUrl;
    private final String apiUrl;
    private final String clientId;
    private final String clientSecret;
    private final OAuthTokens tokens = new OAuthTokens(this::grant);

    public YouTubeAdapter(String oauthUrl, String apiUrl, String clientId, String clientSecret) {
        this.oauthUrl = oauthUrl;
        this.apiUrl = apiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Network network() {
        return Network.YOUTUBE;
    }

    @Override
    public NetworkBroadcast open(NetworkAccount account, String title) throws NetworkException {
        JsonNode stream = call(account, "/youtube/v3/liveStreams?part=snippet,cdn,contentDetails,status", Map.of(
                "snippet", Map.of("title", title),
                "cdn", Map.of("ingestionType", "rtmp", "resolution", "variable", "frameRate", "variable"),
                "contentDetails", Map.of("isReusable", false)), "liveStreams.insert");
        String streamId = ApiCall.text(stream.path("id"), "liveStream id");
        JsonNode ingestion = stream.path("cdn").path("ingestionInfo");
        String address = ingestion.path("rtmpsIngestionAddress").asText("");
        if (address.isEmpty()) {
            address = ApiCall.text(ingestion.path("ingestionAddress"), "ingestionAddress");
        }
        String streamName = ApiCall.text(ingestion.path("streamName"), "streamName");
        JsonNode broadcast = call(account, "/youtube/v3/liveBroadcasts?part=snippet,status,contentDetails", Map.of(
                "snippet", Map.of("title", title, "scheduledStartTime", Instant.now().toString()),
                "status", Map.of("privacyStatus", "public", "selfDeclaredMadeForKids", false),
                "contentDetails", Map.of("enableAutoStart", false, "enableAutoStop", false)), "liveBroadcasts.insert");
        String broadcastId = ApiCall.text(broadcast.path("id"), "liveBroadcast id");
        call(account, "/youtube/v3/liveBroadcasts/bind?part=id,contentDetails&id=" + ApiCall.encode(broadcastId)
                + "&streamId=" + ApiCall.encode(streamId), null, "liveBroadcasts.bind");
        return new NetworkBroadcast(broadcastId, address, streamName, streamId);
    }

    /**
     * Transitions the broadcast to {@code live} if its stream is {@code active}; otherwise throws
     * {@link Kind#UNAVAILABLE} ("not active yet") for the caller to try again shortly.
     */
    @Override
    public void live(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        Answer status = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl
                + "/youtube/v3/liveStreams?part=status&id=" + ApiCall.encode(broadcast.streamRef()))
                .header("Authorization", "Bearer " + token).GET().build(), "liveStreams.list"));
        check(status, "liveStreams.list");
        String streamStatus = status.body().path("items").path(0).path("status").path("streamStatus").asText("");
        if (!"active".equals(streamStatus)) {
            throw new NetworkException(Kind.UNAVAILABLE, "liveStream not active yet (" + streamStatus + ")");
        }
        transition(account, broadcast, "live");
    }

    @Override
    public void end(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        transition(account, broadcast, "complete");
    }

    /**
     * {@code liveBroadcasts.list} by id: a broadcast {@code complete} or {@code revoked}, or one that
     * is gone, cannot be streamed to any more.
     */
    @Override
    public boolean endedByNetwork(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl
                + "/youtube/v3/liveBroadcasts?part=status&id=" + ApiCall.encode(broadcast.broadcastId()))
                .header("Authorization", "Bearer " + token).GET().build(), "liveBroadcasts.list"));
        check(answer, "liveBroadcasts.list");
        JsonNode items = answer.body().path("items");
        if (items.isEmpty()) {
            return true;
        }
        return TERMINAL.contains(items.path(0).path("status").path("lifeCycleStatus").asText(""));
    }

    private void transition(NetworkAccount account, NetworkBroadcast broadcast, String to) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl
                + "/youtube/v3/liveBroadcasts/transition?part=status&broadcastStatus=" + to + "&id="
                + ApiCall.encode(broadcast.broadcastId())).header("Authorization", "Bearer " + token)
                .POST(ApiCall.json(Map.of())).build(), "transition " + to));
        if (!answer.ok() && ALREADY_THERE.contains(reason(answer.body()))) {
            return;
        }
        check(answer, "transition " + to);
    }

    /** Google's refresh-token grant; a refused authorisation asks the partner to reconnect the channel. */
    private OAuthTokens.Granted grant(String refreshToken) throws NetworkException {
        Answer answer = ApiCall.send(ApiCall.request(oauthUrl + "/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ApiCall.form(Map.of("grant_type", "refresh_token", "client_id", clientId,
                        "client_secret", clientSecret, "refresh_token", refreshToken))).build(), "OAuth token");
        if (!answer.ok()) {
            String error = answer.body().path("error").asText("");
            if ("invalid_grant".equals(error) || "invalid_client".equals(error) || "unauthorized_client".equals(error)
                    || answer.status() == 401) {
                throw new NetworkException(Kind.CREDENTIALS_REFUSED, "YouTube refused the account's authorisation ("
                        + (error.isEmpty() ? "HTTP " + answer.status() : error) + "): reconnect the channel");
            }
            throw failure(answer, "OAuth token");
        }
        return new OAuthTokens.Granted(ApiCall.text(answer.body().path("access_token"), "access_token"),
                answer.body().path("expires_in").asLong(0), null);
    }

    private JsonNode call(NetworkAccount account, String path, Object body, String what) throws NetworkException {
        Answer answer = authorized(account, token -> ApiCall.send(ApiCall.request(apiUrl + path)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(ApiCall.json(body == null ? Map.of() : body)).build(), what));
        check(answer, what);
        return answer.body();
    }

    /**
     * Makes the call with the account's access token. Google may revoke an access token before its
     * expiry (the user changed their password, the token was reissued elsewhere): a 401 drops the held
     * token and the call is made once more with a fresh grant; a second 401 is the answer.
     */
    private Answer authorized(NetworkAccount account, OAuthTokens.Call call) throws NetworkException {
        return tokens.authorized(account, call);
    }

    private static void check(Answer answer, String what) throws NetworkException {
        if (!answer.ok()) {
            throw failure(answer, what);
        }
    }

    /** Google API errors: {@code {"error": {"code", "message", "errors": [{"reason"}]}}}. */
    private static NetworkException failure(Answer answer, String what) {
        String reason = reason(answer.body());
        String message = "YouTube " + what + ": HTTP " + answer.status() + (reason.isEmpty() ? "" : " " + reason);
        if (answer.status() == 401) {
            return new NetworkException(Kind.CREDENTIALS_REFUSED, message);
        }
        if (answer.status() == 429 || RATE_LIMITS.contains(reason)) {
            return new NetworkException(Kind.RATE_LIMITED, message, answer.retryAfter().orElse(null));
        }
        if (answer.status() >= 500) {
            return new NetworkException(Kind.UNAVAILABLE, message);
        }
        return new NetworkException(Kind.REFUSED, message);
    }

    private static String reason(JsonNode body) {
        return body.path("error").path("errors").path(0).path("reason").asText("");
    }
}
