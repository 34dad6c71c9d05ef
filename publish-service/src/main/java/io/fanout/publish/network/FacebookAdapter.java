package io.fanout.publish.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.util.Map;
import java.util.Set;

/**
 * Facebook Graph API: per session {@code POST /{page-id}/live_videos} with {@code status=LIVE_NOW}
 * gives the {@code secure_stream_url} (RTMPS only; the part after its last {@code /} is the key); the
 * video goes live when media arrives; {@code POST /{live-video-id}} with {@code end_live_video=true}
 * ends it. The page access token travels in the form body, never in a URL.
 */
public final class FacebookAdapter implements NetworkAdapter {

    /** Graph API throttling codes: application, user, page, and per-action limits. */
    private static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 32, 613);
    /** Expired, invalidated or missing access tokens ({@code OAuthException}). */
    private static final Set<Integer> TOKEN_ERRORS = Set.of(102, 190);

    private final String graphUrl;

    public FacebookAdapter(String graphUrl) {
        this.graphUrl = graphUrl;
    }

    @Override
    public Network network() {
        return Network.FACEBOOK;
    }

    @Override
    public NetworkBroadcast open(NetworkAccount account, String title) throws NetworkException {
        Answer answer = post("/" + ApiCall.encode(account.accountId()) + "/live_videos",
                Map.of("status", "LIVE_NOW", "title", title, "access_token", account.token()), "live_videos");
        String id = ApiCall.text(answer.body().path("id"), "live video id");
        String secure = ApiCall.text(answer.body().path("secure_stream_url"), "secure_stream_url");
        int slash = secure.lastIndexOf('/');
        if (!secure.startsWith("rtmps://") || slash <= "rtmps://".length()) {
            throw new NetworkException(Kind.UNAVAILABLE, "secure_stream_url is not an RTMPS URL with a key");
        }
        return new NetworkBroadcast(id, secure.substring(0, slash), secure.substring(slash + 1), null);
    }

    /** A {@code LIVE_NOW} video goes live by itself when media arrives. */
    @Override
    public void live(NetworkAccount account, NetworkBroadcast broadcast) {
        // nothing to call
    }

    @Override
    public void end(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        post("/" + ApiCall.encode(broadcast.broadcastId()),
                Map.of("end_live_video", "true", "access_token", account.token()), "end_live_video");
    }

    private Answer post(String path, Map<String, String> form, String what) throws NetworkException {
        Answer answer = ApiCall.send(ApiCall.request(graphUrl + path)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(ApiCall.form(form)).build(), what);
        if (!answer.ok()) {
            throw failure(answer, what);
        }
        return answer;
    }

    /** Graph errors: {@code {"error": {"message", "type", "code", "error_subcode", "is_transient"}}}. */
    private static NetworkException failure(Answer answer, String what) {
        JsonNode error = answer.body().path("error");
        int code = error.path("code").asInt(-1);
        String message = "Facebook " + what + ": HTTP " + answer.status() + (code < 0 ? "" : ", code " + code)
                + (error.path("type").isTextual() ? " " + error.path("type").asText() : "");
        if (TOKEN_ERRORS.contains(code) || answer.status() == 401) {
            return new NetworkException(Kind.CREDENTIALS_REFUSED, message + ": reconnect the page");
        }
        if (RATE_LIMITS.contains(code) || answer.status() == 429) {
            return new NetworkException(Kind.RATE_LIMITED, message, answer.retryAfter().orElse(null));
        }
        if (answer.status() >= 500 || error.path("is_transient").asBoolean(false) || code == 1 || code == 2) {
            return new NetworkException(Kind.UNAVAILABLE, message);
        }
        return new NetworkException(Kind.REFUSED, message);
    }
}
