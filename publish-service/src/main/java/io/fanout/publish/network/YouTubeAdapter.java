package io.fanout.publish.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * YouTube Live Streaming API (Data API v3): an OAuth access token from the partner's refresh
 * token, then per session {@code liveStreams.insert} (where to push), {@code liveBroadcasts.insert}
 * and {@code bind}; {@code transition} to {@code live} once the bound stream's
 * {@code status.streamStatus} is {@code active}, and to {@code complete} at the end. Pushes go to
 * the RTMPS ingestion address when YouTube gives one.
 */
public final class YouTubeAdapter implements NetworkAdapter {

    private static final Set<String> RATE_LIMITS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
    private static final Set<String> ALREADY_THERE = Set.of("redundantTransition");

    private final String oauthUrl;
    private final String apiUrl;
    private final String clientId;
    private final String clientSecret;
    /** Access tokens by the refresh token they came from, until a minute before they expire. */
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private record AccessToken(String value, Instant refreshAfter) {
    }

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
        String token = accessToken(account);
        JsonNode stream = call(token, "/youtube/v3/liveStreams?part=snippet,cdn,contentDetails,status", Map.of(
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
        JsonNode broadcast = call(token, "/youtube/v3/liveBroadcasts?part=snippet,status,contentDetails", Map.of(
                "snippet", Map.of("title", title, "scheduledStartTime", Instant.now().toString()),
                "status", Map.of("privacyStatus", "public", "selfDeclaredMadeForKids", false),
                "contentDetails", Map.of("enableAutoStart", false, "enableAutoStop", false)), "liveBroadcasts.insert");
        String broadcastId = ApiCall.text(broadcast.path("id"), "liveBroadcast id");
        call(token, "/youtube/v3/liveBroadcasts/bind?part=id,contentDetails&id=" + ApiCall.encode(broadcastId)
                + "&streamId=" + ApiCall.encode(streamId), null, "liveBroadcasts.bind");
        return new NetworkBroadcast(broadcastId, address, streamName, streamId);
    }

    /**
     * Transitions the broadcast to {@code live} if its stream is {@code active}; otherwise throws
     * {@link Kind#UNAVAILABLE} ("not active yet") for the caller to try again shortly.
     */
    @Override
    public void live(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        String token = accessToken(account);
        Answer status = ApiCall.send(ApiCall.request(apiUrl + "/youtube/v3/liveStreams?part=status&id="
                + ApiCall.encode(broadcast.streamRef())).header("Authorization", "Bearer " + token).GET().build(),
                "liveStreams.list");
        check(status, "liveStreams.list");
        String streamStatus = status.body().path("items").path(0).path("status").path("streamStatus").asText("");
        if (!"active".equals(streamStatus)) {
            throw new NetworkException(Kind.UNAVAILABLE, "liveStream not active yet (" + streamStatus + ")");
        }
        transition(token, broadcast, "live");
    }

    @Override
    public void end(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        transition(accessToken(account), broadcast, "complete");
    }

    private void transition(String token, NetworkBroadcast broadcast, String to) throws NetworkException {
        Answer answer = ApiCall.send(ApiCall.request(apiUrl + "/youtube/v3/liveBroadcasts/transition?part=status"
                + "&broadcastStatus=" + to + "&id=" + ApiCall.encode(broadcast.broadcastId()))
                .header("Authorization", "Bearer " + token).POST(ApiCall.json(Map.of())).build(), "transition " + to);
        if (!answer.ok() && ALREADY_THERE.contains(reason(answer.body()))) {
            return;
        }
        check(answer, "transition " + to);
    }

    /**
     * An access token for the account: the one held while it is valid for another minute, else a new
     * one from the OAuth 2.0 refresh-token grant (going live polls every 2 s: one grant, not one per poll).
     */
    private String accessToken(NetworkAccount account) throws NetworkException {
        AccessToken held = tokens.get(account.token());
        if (held != null && Instant.now().isBefore(held.refreshAfter())) {
            return held.value();
        }
        Answer answer = ApiCall.send(ApiCall.request(oauthUrl + "/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ApiCall.form(Map.of("grant_type", "refresh_token", "client_id", clientId,
                        "client_secret", clientSecret, "refresh_token", account.token()))).build(), "OAuth token");
        if (!answer.ok()) {
            String error = answer.body().path("error").asText("");
            if ("invalid_grant".equals(error) || "invalid_client".equals(error) || "unauthorized_client".equals(error)
                    || answer.status() == 401) {
                throw new NetworkException(Kind.CREDENTIALS_REFUSED, "YouTube refused the account's authorisation ("
                        + (error.isEmpty() ? "HTTP " + answer.status() : error) + "): reconnect the channel");
            }
            throw failure(answer, "OAuth token");
        }
        String value = ApiCall.text(answer.body().path("access_token"), "access_token");
        long lifetime = answer.body().path("expires_in").asLong(0);
        tokens.put(account.token(), new AccessToken(value, Instant.now().plusSeconds(Math.max(0, lifetime - 60))));
        return value;
    }

    private JsonNode call(String token, String path, Object body, String what) throws NetworkException {
        Answer answer = ApiCall.send(ApiCall.request(apiUrl + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(ApiCall.json(body == null ? Map.of() : body)).build(),
                what);
        check(answer, what);
        return answer.body();
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
