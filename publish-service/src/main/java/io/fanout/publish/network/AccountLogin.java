package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import java.net.URI;

/**
 * Connecting a partner's account on a network through OAuth 2.0's authorization-code flow with PKCE:
 * the consent page the partner's browser is sent to, and the exchange of the code the network
 * redirects back with for the credential a destination keeps (a refresh token, or Facebook's page
 * token). Codes, verifiers and tokens never appear in a message.
 */
public interface AccountLogin {

    Network network();

    /**
     * The network's consent page for this flow: Fanout's client, the scopes its pushes need,
     * {@code redirectUri}, {@code state} and the S256 {@code codeChallenge}.
     */
    URI consentUrl(String redirectUri, String state, String codeChallenge);

    /**
     * Exchanges the {@code code} (with the flow's {@code codeVerifier} and the same
     * {@code redirectUri}) for the account's lasting credential. {@code accountId} is the account the
     * partner asked for, where the network needs one (Facebook: the page). Refused:
     * {@link NetworkException.Kind#CREDENTIALS_REFUSED}; the network unreachable: {@code UNAVAILABLE}.
     */
    Connected exchange(String code, String codeVerifier, String redirectUri, String accountId) throws NetworkException;

    /** The account's id at the network (null where a destination needs none) and its lasting token. */
    record Connected(String accountId, String token) {

        @Override
        public String toString() {
            return "connected account " + accountId;
        }
    }
}
