package io.fanout.publish.network;

/**
 * A partner's account on a network, decrypted for one call: {@code accountId} (YouTube: unused,
 * Facebook: the page id, X: the source id), {@code token} (YouTube: the OAuth refresh token,
 * Facebook: the page access token, X: the OAuth 2.0 refresh token when Fanout has an X client, else
 * a user access token), and for X the source's {@code ingestUrl} and {@code streamKey}.
 * {@code rotation} stores a refresh token the network replaced. Never logged: {@link #toString()}
 * names no secret.
 */
public record NetworkAccount(String accountId, String token, String ingestUrl, String streamKey,
        TokenRotation rotation) {

    /** Where a refresh token goes that the network issued in place of the account's. */
    @FunctionalInterface
    public interface TokenRotation {
        void rotated(String refreshToken);
    }

    /** An account whose token the network never replaces. */
    public NetworkAccount(String accountId, String token, String ingestUrl, String streamKey) {
        this(accountId, token, ingestUrl, streamKey, refreshToken -> {
            throw new IllegalStateException("account " + accountId + " cannot store a new refresh token");
        });
    }

    @Override
    public String toString() {
        return "account " + accountId;
    }
}
