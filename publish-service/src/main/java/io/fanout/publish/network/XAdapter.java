package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * X Livestream API (successor of Periscope Producer): the partner's stream source is persistent
 * (its RTMPS URL and key are the destination's); per session {@code POST /2/broadcasts} takes the
 * source live at once ({@code RUNNING}; X ends it {@code TIMED_OUT} if no video arrives within 5
 * minutes, so it is called right before the push starts), and {@code PUT /2/broadcasts/{id}/state}
 * with {@code END} ends it. OAuth 2.0 user-context bearer token.
 */
public final class XAdapter implements NetworkAdapter {

    private final String apiUrl;

    public XAdapter(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Network network() {
        return Network.X;
    }

    @Override
    public NetworkBroadcast open(NetworkAccount account, String title) throws NetworkException {
        Answer answer = ApiCall.send(ApiCall.request(apiUrl + "/2/broadcasts").header("Authorization", "Bearer " + account.token())
                .header("Content-Type", "application/json")
                .POST(ApiCall.json(Map.of("source_id", account.accountId(), "title", title, "should_not_tweet", false)))
                .build(), "go live");
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
        Answer answer = ApiCall.send(ApiCall.request(apiUrl + "/2/broadcasts/" + ApiCall.encode(broadcast.broadcastId())
                + "/state").header("Authorization", "Bearer " + account.token()).header("Content-Type", "application/json")
                .PUT(ApiCall.json(Map.of("state", "END"))).build(), "end");
        check(answer, "end");
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
