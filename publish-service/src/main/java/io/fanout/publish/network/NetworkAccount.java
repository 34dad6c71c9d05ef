package io.fanout.publish.network;

/**
 * A partner's account on a network, decrypted for one call: {@code accountId} (YouTube: unused,
 * Facebook: the page id, X: the source id), {@code token} (YouTube: the OAuth refresh token,
 * Facebook: the page access token, X: the OAuth 2.0 user access token), and for X the source's
 * {@code ingestUrl} and {@code streamKey}. Never logged: {@link #toString()} names no secret.
 */
public record NetworkAccount(String accountId, String token, String ingestUrl, String streamKey) {

    @Override
    public String toString() {
        return "account " + accountId;
    }
}
