package io.fanout.publish.network;

import io.fanout.publish.network.ApiCall.Answer;
import io.fanout.publish.network.NetworkException.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the networks' logins share: consent URLs built from their parameters, and how a token endpoint's no reads. */
final class LoginCalls {

    private LoginCalls() {
    }

    /** HTTP Basic authentication of a confidential client at a token endpoint (RFC 6749 section 2.3.1). */
    static String basic(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The consent page's URL: the parameters every authorization-code request with PKCE carries
     * (RFC 6749 section 4.1.1, RFC 7636 section 4.3), then the network's own ({@code scope} and the like).
     */
    static URI consent(String page, String clientId, String redirectUri, String state, String codeChallenge,
            Map<String, String> networkParameters) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.putAll(networkParameters);
        parameters.put("state", state);
        parameters.put("code_challenge", codeChallenge);
        parameters.put("code_challenge_method", "S256");
        return URI.create(page + (page.contains("?") ? "&" : "?") + ApiCall.query(parameters));
    }

    /**
     * Passes a 2xx answer of a token endpoint; a 4xx is the code or the client refused (RFC 6749
     * section 5.2: {@code invalid_grant} for a used, expired or mismatched code or verifier), a 5xx
     * the network unavailable. Only the error's code is kept: descriptions may echo what was sent.
     */
    static Answer exchanged(Answer answer, String network) throws NetworkException {
        if (answer.ok()) {
            return answer;
        }
        String error = answer.body().path("error").isTextual() ? answer.body().path("error").asText()
                : answer.body().path("error").path("type").asText("");
        String what = network + " refused the authorization code (" + (error.isEmpty() ? "HTTP " + answer.status() : error)
                + "): connect the account again";
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new NetworkException(answer.status() == 429 ? Kind.RATE_LIMITED : Kind.UNAVAILABLE,
                    network + " token endpoint: HTTP " + answer.status(), answer.retryAfter().orElse(null));
        }
        throw new NetworkException(Kind.CREDENTIALS_REFUSED, what);
    }
}
