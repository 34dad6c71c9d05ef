package io.fanout.publish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fanout.contracts.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for the networks' authorization servers, as their pages document them: Google's
 * consent page and {@code /token}, Facebook Login's dialog, {@code /oauth/access_token} (code and
 * {@code fb_exchange_token}) and {@code /me/accounts}, X's {@code /i/oauth2/authorize} and
 * {@code /2/oauth2/token} (HTTP Basic for a confidential client). Each consent page checks the
 * request (client, redirect URI, scopes, S256 challenge) and redirects to the callback as the user
 * would after consenting; each token endpoint redeems a code once, for the same redirect URI and
 * client, and only with the verifier whose SHA-256 is the challenge.
 */
final class LoginStub implements AutoCloseable {

    static final String CALLBACK = "https://publish.fanout.test/v1/connections/callback";
    static final String GOOGLE_CLIENT = "google-client.apps.googleusercontent.com";
    static final String GOOGLE_SECRET = "google-client-secret";
    static final String FACEBOOK_APP = "987654321";
    static final String FACEBOOK_SECRET = "facebook-app-secret";
    static final String X_CLIENT = "x-client-id";
    static final String X_SECRET = "x-client-secret";
    /** The page the Facebook user manages, and one of its own tokens. */
    static final String PAGE_ID = "1029384756";

    private record Pending(String network, String challenge, String redirectUri) {
    }

    private final HttpServer server;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    /** The lasting token issued last per network ({@code google}, {@code facebook} page, {@code x}). */
    private final Map<String, String> lasting = new ConcurrentHashMap<>();
    private final Set<String> longLivedUserTokens = ConcurrentHashMap.newKeySet();
    private volatile boolean declineNext;

    LoginStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/google/auth", exchange -> consent(exchange, "google", GOOGLE_CLIENT,
                Map.of("scope", "https://www.googleapis.com/auth/youtube", "access_type", "offline", "prompt", "consent")));
        server.createContext("/facebook/v26.0/dialog/oauth", exchange -> consent(exchange, "facebook", FACEBOOK_APP,
                Map.of("scope", "publish_video")));
        server.createContext("/x/i/oauth2/authorize", exchange -> consent(exchange, "x", X_CLIENT,
                Map.of("scope", "offline.access")));
        server.createContext("/google/token", this::googleToken);
        server.createContext("/graph/v26.0/oauth/access_token", this::facebookToken);
        server.createContext("/graph/v26.0/me/accounts", this::facebookPages);
        server.createContext("/x/2/oauth2/token", this::xToken);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next consent is declined by the account's owner. */
    void declineNext() {
        declineNext = true;
    }

    /** The refresh token (Google, X) or page token (Facebook) issued last. */
    String lastLastingToken(String network) {
        return lasting.get(network);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void consent(HttpExchange exchange, String network, String clientId, Map<String, String> scopeAndMore)
            throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String problem = !clientId.equals(q.get("client_id")) ? "unknown client_id"
                : !CALLBACK.equals(q.get("redirect_uri")) ? "redirect_uri is not registered"
                : !"code".equals(q.get("response_type")) ? "response_type must be code"
                : !"S256".equals(q.get("code_challenge_method")) ? "code_challenge_method must be S256"
                : q.getOrDefault("code_challenge", "").matches("[A-Za-z0-9_-]{43}") ? null : "code_challenge is not S256";
        for (Map.Entry<String, String> expected : scopeAndMore.entrySet()) {
            if (problem == null && !q.getOrDefault(expected.getKey(), "").contains(expected.getValue())) {
                problem = expected.getKey() + " lacks " + expected.getValue();
            }
        }
        if (problem != null || q.get("state") == null) {
            send(exchange, 400, "text/plain", problem == null ? "state missing" : problem);
            return;
        }
        String back;
        if (declineNext) {
            declineNext = false;
            back = "error=access_denied&state=" + encode(q.get("state"));
        } else {
            String code = network + "-code-" + UUID.randomUUID();
            codes.put(code, new Pending(network, q.get("code_challenge"), q.get("redirect_uri")));
            back = "code=" + encode(code) + "&state=" + encode(q.get("state"));
        }
        exchange.getResponseHeaders().add("Location", q.get("redirect_uri") + "?" + back);
        send(exchange, 302, "text/plain", "");
    }

    private void googleToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"authorization_code".equals(form.get("grant_type")) || !GOOGLE_CLIENT.equals(form.get("client_id"))
                || !GOOGLE_SECRET.equals(form.get("client_secret"))) {
            json(exchange, 401, Map.of("error", "invalid_client"));
        } else if (!redeem("google", form)) {
            json(exchange, 400, Map.of("error", "invalid_grant", "error_description", "Bad Request"));
        } else {
            String refresh = "1//google-refresh-" + UUID.randomUUID();
            lasting.put("google", refresh);
            json(exchange, 200, Map.of("access_token", "ya29.google-access", "expires_in", 3599, "refresh_token", refresh,
                    "scope", "https://www.googleapis.com/auth/youtube", "token_type", "Bearer"));
        }
    }

    private void facebookToken(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        if (!FACEBOOK_APP.equals(q.get("client_id")) || !FACEBOOK_SECRET.equals(q.get("client_secret"))) {
            json(exchange, 400, Map.of("error", Map.of("message", "Error validating client secret.",
                    "type", "OAuthException", "code", 1)));
        } else if ("fb_exchange_token".equals(q.get("grant_type"))) {
            String longLived = "EAA-long-lived-" + UUID.randomUUID();
            longLivedUserTokens.add(longLived);
            json(exchange, 200, Map.of("access_token", longLived, "token_type", "bearer", "expires_in", 5183944));
        } else if (!redeem("facebook", q)) {
            json(exchange, 400, Map.of("error", Map.of("message", "This authorization code has been used.",
                    "type", "OAuthException", "code", 100)));
        } else {
            json(exchange, 200, Map.of("access_token", "EAA-short-lived-" + UUID.randomUUID(), "token_type", "bearer",
                    "expires_in", 5183));
        }
    }

    private void facebookPages(HttpExchange exchange) throws IOException {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        if (bearer == null || !longLivedUserTokens.contains(bearer.replaceFirst("^Bearer ", ""))) {
            json(exchange, 400, Map.of("error", Map.of("message", "Invalid OAuth access token.", "type", "OAuthException",
                    "code", 190)));
            return;
        }
        String pageToken = "EAA-page-" + UUID.randomUUID();
        lasting.put("facebook", pageToken);
        json(exchange, 200, Map.of("data", List.of(
                Map.of("id", "5647382910", "name", "Another page", "access_token", "EAA-other-page"),
                Map.of("id", PAGE_ID, "name", "Fanout Rugby", "access_token", pageToken)), "paging", Map.of()));
    }

    private void xToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((X_CLIENT + ":" + X_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || !"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 401, Map.of("error", "unauthorized_client"));
        } else if (!redeem("x", form)) {
            json(exchange, 400, Map.of("error", "invalid_request",
                    "error_description", "Value passed for the authorization code was invalid."));
        } else {
            String refresh = "x-refresh-" + UUID.randomUUID();
            lasting.put("x", refresh);
            json(exchange, 200, Map.of("token_type", "bearer", "expires_in", 7200, "access_token", "x-access",
                    "scope", "tweet.read tweet.write users.read offline.access", "refresh_token", refresh));
        }
    }

    /** Redeems the code once: the same network and redirect URI, and the verifier that hashes to the challenge. */
    private boolean redeem(String network, Map<String, String> request) {
        Pending pending = codes.remove(request.getOrDefault("code", ""));
        return pending != null && pending.network().equals(network)
                && pending.redirectUri().equals(request.get("redirect_uri"))
                && pending.challenge().equals(s256(request.getOrDefault("code_verifier", "")));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parse(String query) {
        Map<String, String> fields = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return fields;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", Json.mapper().writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** The query of a URI as fields. */
    static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }
}
