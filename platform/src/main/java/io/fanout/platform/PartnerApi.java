package io.fanout.platform;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A small client of Fanout's HTTP APIs, as a partner's integration would use them: the admin calls
 * on ingest-service, streams on ingest-service, destinations and targets on publish-service, feeds,
 * matches and the live view on catalog-service.
 */
public final class PartnerApi {

    /** A call that did not answer what was expected. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A partner just created: its id and its API token. */
    public record NewPartner(String id, String token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a call refused by the partner rate limit is sent again. */
    private static final Duration RATE_LIMITED_PATIENCE = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingest;
    private final String publish;
    private final String catalog;
    private final String bearer;

    private PartnerApi(String ingest, String publish, String catalog, String bearer) {
        this.ingest = ingest;
        this.publish = publish;
        this.catalog = catalog;
        this.bearer = bearer;
    }

    public static PartnerApi admin(LocalPlatform platform) {
        return new PartnerApi(platform.serviceUrl(Service.INGEST), platform.serviceUrl(Service.PUBLISH),
                platform.serviceUrl(Service.CATALOG), platform.adminKey());
    }

    /** The same endpoints with a partner's token. */
    public PartnerApi as(String token) {
        return new PartnerApi(ingest, publish, catalog, token);
    }

    /** Creates a partner and a credential for it; returns the partner's token. */
    public String createPartner(String name) {
        return newPartner(name).token();
    }

    /** Creates a partner and a credential for it; returns both its id and its token. */
    public NewPartner newPartner(String name) {
        String id = (String) post(ingest + "/v1/partners", Map.of("name", name), 201).get("id");
        return new NewPartner(id, (String) post(ingest + "/v1/partners/" + id + "/credentials", null, 201).get("token"));
    }

    /** Issues another credential for this client's partner; the answer holds its id and its token (shown once). */
    public Map<String, Object> newCredential() {
        return post(ingest + "/v1/credentials", null, 201);
    }

    /** A new credential in place of {@code credentialId}, which is revoked at once; the answer holds the new token. */
    public Map<String, Object> rotateCredential(String credentialId) {
        return post(ingest + "/v1/credentials/" + credentialId + "/rotate", null, 201);
    }

    /** Revokes one of this client's partner's credentials; every service refuses it within seconds. */
    public void revokeCredential(String credentialId) {
        HttpResponse<String> answer = exchange("DELETE", ingest + "/v1/credentials/" + credentialId, null);
        if (answer.statusCode() != 204) {
            throw new ApiException(answer.statusCode(), "revoke credential: " + answer.body());
        }
    }

    /** Creates a stream with the default reconnect window; the answer holds its id, stream key and publish URL. */
    public Map<String, Object> createStream(String name) {
        return post(ingest + "/v1/streams", Map.of("name", name), 201);
    }

    /** Creates a stream whose reconnect window is {@code windowSeconds} (0: an encoder that leaves ends it). */
    public Map<String, Object> createStream(String name, int windowSeconds) {
        return post(ingest + "/v1/streams", Map.of("name", name, "reconnectWindowSeconds", windowSeconds), 201);
    }

    /**
     * Creates a stream whose reconnect window is {@code windowSeconds} and whose ladder is
     * {@code ladder} ({@code STANDARD}, {@code PASSTHROUGH_ONLY} or {@code NONE}).
     */
    public Map<String, Object> createStream(String name, int windowSeconds, String ladder) {
        return post(ingest + "/v1/streams", Map.of("name", name, "reconnectWindowSeconds", windowSeconds,
                "ladder", ladder), 201);
    }

    public Map<String, Object> stream(String id) {
        return get(ingest + "/v1/streams/" + id, new TypeReference<>() { });
    }

    public String createDestination(String name, String network, String ingestUrl, String streamKey) {
        return (String) post(publish + "/v1/destinations",
                Map.of("name", name, "network", network, "ingestUrl", ingestUrl, "streamKey", streamKey), 201).get("id");
    }

    /**
     * Adds a target, waiting while publish-service has not yet heard of the stream (it learns of it
     * from {@code stream.created}, a moment after ingest-service created it).
     */
    public String addTarget(String streamId, String destinationId, Duration patience) {
        String[] id = new String[1];
        await("stream " + streamId + " known to publish-service").atMost(patience).pollInterval(Duration.ofMillis(200))
                .ignoreException(ApiException.class)
                .until(() -> {
                    id[0] = (String) post(publish + "/v1/streams/" + streamId + "/targets",
                            Map.of("destinationId", destinationId), 201).get("id");
                    return true;
                });
        return id[0];
    }

    /** Enables or disables a target (a disabled target's push stops; enabling one while live starts it). */
    public void setTargetEnabled(String streamId, String targetId, boolean enabled) {
        send("PATCH", publish + "/v1/streams/" + streamId + "/targets/" + targetId, Map.of("enabled", enabled), 200);
    }

    public List<Map<String, Object>> targets(String streamId) {
        return get(publish + "/v1/streams/" + streamId + "/targets", new TypeReference<>() { });
    }

    /** Lets an upstream provider feed the partner's catalog. */
    public void authoriseFeed(String provider) {
        try {
            send("PUT", catalog + "/v1/feeds/" + provider, null, 201);
        } catch (ApiException already) {
            if (already.status() != 200) {
                throw already;
            }
        }
    }

    /** The partner's matches whose title, competition, stage, venue or participants contain {@code text}. */
    public List<Map<String, Object>> findMatches(String text) {
        Map<String, Object> page = get(catalog + "/v1/matches?limit=200&q="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8), new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> matches = (List<Map<String, Object>>) page.get("matches");
        return matches;
    }

    /**
     * Binds a match to a stream and plans it onto destinations (each with the title template),
     * waiting while the catalog has not yet heard of the stream or a destination just created.
     */
    public void bindAndPlan(String matchId, String streamId, List<String> destinationIds, String titleTemplate,
            Duration patience) {
        await("match " + matchId + " bound and planned").atMost(patience).pollInterval(Duration.ofMillis(200))
                .ignoreException(ApiException.class)
                .until(() -> {
                    send("PUT", catalog + "/v1/matches/" + matchId + "/stream", Map.of("streamId", streamId), 200);
                    send("PUT", catalog + "/v1/matches/" + matchId + "/plan", Map.of("plan", destinationIds.stream()
                            .map(d -> Map.of("destinationId", d, "titleTemplate", titleTemplate)).toList()), 200);
                    return true;
                });
    }

    public Map<String, Object> match(String matchId) {
        return get(catalog + "/v1/matches/" + matchId, new TypeReference<>() { });
    }

    /** The match's live view: its stream, player and every destination's push. */
    public Map<String, Object> matchLive(String matchId) {
        return get(catalog + "/v1/matches/" + matchId + "/live", new TypeReference<>() { });
    }

    /**
     * Any call with this client's credential, answered as it comes (status, headers and body), for
     * callers that judge the answer themselves: what the APIs refuse, and how. {@code json} is sent as
     * written, escapes included (null: no body).
     */
    public HttpResponse<String> exchange(String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, method + " " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private Map<String, Object> post(String url, Object body, int expected) {
        return send("POST", url, body, expected);
    }

    private Map<String, Object> send(String method, String url, Object body, int expected) {
        try {
            return read(exchangePastRateLimit(method, url, body == null ? null : JSON.writeValueAsString(body)), expected,
                    new TypeReference<>() { });
        } catch (IOException e) {
            throw new ApiException(0, method + " " + url + ": " + e.getMessage());
        }
    }

    private <T> T get(String url, TypeReference<T> type) {
        try {
            return read(exchangePastRateLimit("GET", url, null), 200, type);
        } catch (IOException e) {
            throw new ApiException(0, "GET " + url + ": " + e.getMessage());
        }
    }

    /**
     * {@link #exchange}, as a well-behaved client of the partner rate limit: a call the limit refuses
     * (429, {@code Retry-After} a second) is sent again each second until it is answered otherwise,
     * for up to {@link #RATE_LIMITED_PATIENCE}. A demo or a test that makes many calls quickly waits
     * as a partner's integration would; the answer is the first one past the limit.
     */
    public HttpResponse<String> exchangePastRateLimit(String method, String url, String json) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        try {
            await(method + " " + url + " past the partner's rate limit").atMost(RATE_LIMITED_PATIENCE)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
                        answer.set(exchange(method, url, json));
                        return answer.get().statusCode() != 429;
                    });
        } catch (ConditionTimeoutException stillRefused) {
            // the last 429 is the answer: the caller sees what the API said
        }
        return answer.get();
    }

    private static <T> T read(HttpResponse<String> response, int expected, TypeReference<T> type) throws IOException {
        if (response.statusCode() != expected) {
            throw new ApiException(response.statusCode(), response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), type);
    }
}
