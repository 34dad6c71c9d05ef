package io.fanout.publish.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fanout.contracts.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP call to a network's API, JSON in and out. A call that cannot be made or times out is
 * {@link NetworkException.Kind#UNAVAILABLE}; answering is each adapter's job ({@link Answer}).
 */
final class ApiCall {

    /** What the API answered. {@code body} is a missing node when it was not JSON. */
    record Answer(int status, JsonNode body, Optional<Duration> retryAfter, HttpHeaders headers) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ApiCall() {
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a request body", e);
        }
    }

    static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(query(fields));
    }

    static String query(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Sends the request; {@code what} names the call in errors (never a credential). */
    static Answer send(HttpRequest request, String what) throws NetworkException {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = response.body().length == 0 ? MissingNode.getInstance() : Json.mapper().readTree(response.body());
            } catch (IOException notJson) {
                body = MissingNode.getInstance();
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(ApiCall::seconds);
            return new Answer(response.statusCode(), body, retryAfter, response.headers());
        } catch (IOException e) {
            throw new NetworkException(NetworkException.Kind.UNAVAILABLE, what + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(NetworkException.Kind.UNAVAILABLE, what + ": interrupted");
        }
    }

    static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text of a field, or throws: a 2xx answer without what the documentation promises. */
    static String text(JsonNode node, String what) throws NetworkException {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new NetworkException(NetworkException.Kind.UNAVAILABLE, what + " missing from the answer");
        }
        return node.asText();
    }
}
