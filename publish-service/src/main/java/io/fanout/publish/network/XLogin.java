package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Connecting an X account through OAuth 2.0 Authorization Code Flow with PKCE (docs.x.com:
 * fundamentals/authentication/oauth-2-0/authorization-code and user-access-token): the consent page
 * at {@code x.com/i/oauth2/authorize} with {@code offline.access} among the scopes, so that the
 * exchange at {@code POST /2/oauth2/token} returns a refresh token; a confidential client
 * authenticates with HTTP Basic. The refresh token is what an X destination keeps (its access
 * tokens last two hours).
 */
public final class XLogin implements AccountLogin {

    /** Read the account, post as it, and a refresh token ({@code offline.access}). */
    static final String SCOPES = "tweet.read tweet.write users.read offline.access";

    private final String consentPage;
    private final String apiUrl;
    private final String clientId;
    private final String clientSecret;

    /** {@code clientSecret} empty: a public client. */
    public XLogin(String consentPage, String apiUrl, String clientId, String clientSecret) {
        this.consentPage = consentPage;
        this.apiUrl = apiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Network network() {
        return Network.X;
    }

    @Override
    public URI consentUrl(String redirectUri, String state, String codeChallenge) {
        return LoginCalls.consent(consentPage, clientId, redirectUri, state, codeChallenge, Map.of("scope", SCOPES));
    }

    @Override
    public Connected exchange(String code, String codeVerifier, String redirectUri, String accountId)
            throws NetworkException {
        HttpRequest.Builder request = ApiCall.request(apiUrl + "/2/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ApiCall.form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                        "client_id", clientId, "code_verifier", codeVerifier)));
        if (!clientSecret.isEmpty()) {
            request.header("Authorization", LoginCalls.basic(clientId, clientSecret));
        }
        Answer answer = LoginCalls.exchanged(ApiCall.send(request.build(), "OAuth code exchange"), "X");
        String refreshToken = answer.body().path("refresh_token").asText("");
        if (refreshToken.isEmpty()) {
            throw new NetworkException(Kind.CREDENTIALS_REFUSED,
                    "X granted no refresh token (offline.access was not given): connect the account again");
        }
        return new Connected(accountId, refreshToken);
    }
}
