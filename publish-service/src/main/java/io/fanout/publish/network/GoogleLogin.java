package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.net.URI;
import java.util.Map;

/**
 * Connecting a YouTube channel through Google's OAuth 2.0 for web server applications
 * (developers.google.com/identity/protocols/oauth2/web-server): the consent page asks for the
 * {@code youtube} scope with {@code access_type=offline} and {@code prompt=consent}, so that the
 * code's exchange at {@code /token} returns a refresh token every time, not only the first; PKCE
 * with S256. The refresh token is what a YouTube destination keeps.
 */
public final class GoogleLogin implements AccountLogin {

    /** Manage the account's YouTube broadcasts and streams (liveBroadcasts, liveStreams). */
    static final String SCOPE = "https://www.googleapis.com/auth/youtube";

    private final String consentPage;
    private final String oauthUrl;
    private final String clientId;
    private final String clientSecret;

    /** {@code consentPage}: Google's authorization endpoint; {@code oauthUrl}: where {@code /token} is. */
    public GoogleLogin(String consentPage, String oauthUrl, String clientId, String clientSecret) {
        this.consentPage = consentPage;
        this.oauthUrl = oauthUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Network network() {
        return Network.YOUTUBE;
    }

    @Override
    public URI consentUrl(String redirectUri, String state, String codeChallenge) {
        // Offline access and a consent prompt every time: the exchange then always returns a refresh token.
        return LoginCalls.consent(consentPage, clientId, redirectUri, state, codeChallenge,
                Map.of("scope", SCOPE, "access_type", "offline", "prompt", "consent"));
    }

    @Override
    public Connected exchange(String code, String codeVerifier, String redirectUri, String accountId)
            throws NetworkException {
        Answer answer = LoginCalls.exchanged(ApiCall.send(ApiCall.request(oauthUrl + "/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ApiCall.form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                        "client_id", clientId, "client_secret", clientSecret, "code_verifier", codeVerifier))).build(),
                "OAuth code exchange"), "Google");
        String refreshToken = answer.body().path("refresh_token").asText("");
        if (refreshToken.isEmpty()) {
            throw new NetworkException(Kind.CREDENTIALS_REFUSED,
                    "Google granted no refresh token (offline access was not given): connect the account again");
        }
        if (!answer.body().path("scope").asText("").contains(SCOPE)) {
            throw new NetworkException(Kind.CREDENTIALS_REFUSED,
                    "the channel's owner did not grant YouTube access: connect the account again and allow it");
        }
        return new Connected(null, refreshToken);
    }
}
