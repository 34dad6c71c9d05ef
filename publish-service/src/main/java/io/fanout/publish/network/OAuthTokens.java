package io.fanout.publish.network;

import io.fanout.publish.network.ApiCall.Answer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from partners' OAuth 2.0 refresh tokens, for one network: a token is held until a
 * minute before it expires (going live polls every 2 s: one grant, not one per poll), a call answered
 * 401 is made once more with a fresh grant (a network may revoke an access token early), and a
 * refresh token the network replaced with its grant (X retires each one when it is used) is handed to
 * the account's {@link NetworkAccount.TokenRotation} to be stored, and used from then on.
 */
final class OAuthTokens {

    /** What a grant gave: the access token, its lifetime, and the refresh token to use next (null: the same). */
    record Granted(String accessToken, long expiresInSeconds, String refreshToken) {
    }

    /** The network's refresh-token grant. */
    @FunctionalInterface
    interface Grant {
        Granted refresh(String refreshToken) throws NetworkException;
    }

    /** One API call made with an access token. */
    @FunctionalInterface
    interface Call {
        Answer with(String accessToken) throws NetworkException;
    }

    private record Held(String value, Instant refreshAfter) {
    }

    private final Grant grant;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Refresh tokens the network replaced, by the one they replaced. */
    private final Map<String, String> successors = new ConcurrentHashMap<>();

    OAuthTokens(Grant grant) {
        this.grant = grant;
    }

    /** An access token for the account: the one held while it is valid for another minute, else a fresh grant. */
    synchronized String accessToken(NetworkAccount account) throws NetworkException {
        String refreshToken = current(account.token());
        Held token = held.get(refreshToken);
        if (token != null && Instant.now().isBefore(token.refreshAfter())) {
            return token.value();
        }
        Granted granted = grant.refresh(refreshToken);
        token = new Held(granted.accessToken(), Instant.now().plusSeconds(Math.max(0, granted.expiresInSeconds() - 60)));
        String next = granted.refreshToken();
        if (next != null && !next.isEmpty() && !next.equals(refreshToken)) {
            successors.put(refreshToken, next);
            held.remove(refreshToken);
            account.rotation().rotated(next);
            refreshToken = next;
        }
        held.put(refreshToken, token);
        return token.value();
    }

    /** Makes the call with an access token; a 401 drops it and the call is made once more with a fresh grant. */
    Answer authorized(NetworkAccount account, Call call) throws NetworkException {
        Answer answer = call.with(accessToken(account));
        if (answer.status() != 401) {
            return answer;
        }
        held.remove(current(account.token()));
        return call.with(accessToken(account));
    }

    private String current(String refreshToken) {
        String latest = refreshToken;
        for (String next = successors.get(latest); next != null; next = successors.get(latest)) {
            latest = next;
        }
        return latest;
    }
}
