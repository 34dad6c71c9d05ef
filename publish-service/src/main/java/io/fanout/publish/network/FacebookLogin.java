package io.fanout.publish.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.push.Network;
import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.net.URI;
import java.util.Map;

/**
 * Connecting a Facebook Page through Facebook Login's manually built flow with PKCE
 * (developers.facebook.com/documentation/facebook-login/guides/advanced/manual-flow and
 * .../advanced/oidc-token; Pages API: page access tokens): the login dialog asks for the page
 * permissions going live needs; the code is exchanged at {@code /oauth/access_token} for a user
 * token, that for a long-lived one ({@code grant_type=fb_exchange_token}), and {@code /me/accounts}
 * gives the page's own token, which, derived from a long-lived user token, does not expire. The page
 * token is what a Facebook destination keeps; Facebook issues no refresh tokens.
 */
public final class FacebookLogin implements AccountLogin {

    /** List the user's pages, and publish live videos on them. */
    static final String SCOPES = "pages_show_list,pages_read_engagement,pages_manage_posts,publish_video";
    /** {@code /me/accounts} pages followed at most (100 pages each). */
    private static final int MAX_PAGES = 10;

    private final String dialogPage;
    private final String graphUrl;
    private final String appId;
    private final String appSecret;

    /** {@code dialogPage}: the versioned login dialog; {@code graphUrl}: the versioned Graph API. */
    public FacebookLogin(String dialogPage, String graphUrl, String appId, String appSecret) {
        this.dialogPage = dialogPage;
        this.graphUrl = graphUrl;
        this.appId = appId;
        this.appSecret = appSecret;
    }

    @Override
    public Network network() {
        return Network.FACEBOOK;
    }

    @Override
    public URI consentUrl(String redirectUri, String state, String codeChallenge) {
        return LoginCalls.consent(dialogPage, appId, redirectUri, state, codeChallenge, Map.of("scope", SCOPES));
    }

    @Override
    public Connected exchange(String code, String codeVerifier, String redirectUri, String pageId)
            throws NetworkException {
        String userToken = token(Map.of("client_id", appId, "client_secret", appSecret, "redirect_uri", redirectUri,
                "code_verifier", codeVerifier, "code", code));
        String longLived = token(Map.of("grant_type", "fb_exchange_token", "client_id", appId,
                "client_secret", appSecret, "fb_exchange_token", userToken));
        String next = graphUrl + "/me/accounts?" + ApiCall.query(Map.of("fields", "id,name,access_token", "limit", "100"));
        for (int page = 0; page < MAX_PAGES && !next.isEmpty(); page++) {
            Answer answer = LoginCalls.exchanged(ApiCall.send(ApiCall.request(next)
                    .header("Authorization", "Bearer " + longLived).GET().build(), "me/accounts"), "Facebook");
            for (JsonNode managed : answer.body().path("data")) {
                if (pageId.equals(managed.path("id").asText())) {
                    return new Connected(pageId, ApiCall.text(managed.path("access_token"), "the page's access_token"));
                }
            }
            next = answer.body().path("paging").path("next").asText("");
        }
        throw new NetworkException(Kind.CREDENTIALS_REFUSED, "page " + pageId
                + " is not among the pages this Facebook user granted Fanout: connect again as an admin of the page");
    }

    private String token(Map<String, String> parameters) throws NetworkException {
        Answer answer = LoginCalls.exchanged(ApiCall.send(ApiCall.request(graphUrl + "/oauth/access_token?"
                + ApiCall.query(parameters)).GET().build(), "oauth/access_token"), "Facebook");
        return ApiCall.text(answer.body().path("access_token"), "access_token");
    }
}
