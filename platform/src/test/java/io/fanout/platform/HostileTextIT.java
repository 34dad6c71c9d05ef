package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile text in every field of every JSON endpoint of every service, and in the query and path
 * parameters of their lists: NUL and other C0/C1 control characters, unpaired UTF-16 surrogates
 * (sent as JSON escapes, as a client can), strings longer than any field. Each of several hundred
 * requests gets a 400 problem+json naming the field, never a 5xx.
 */
class HostileTextIT {

    /** JSON string contents as they are written in a body (escapes included). */
    private static final List<String> HOSTILE = List.of("\\u0000", "a\\u0000b", "\\u0001", "\\u001b[2J", "\\u007f",
            "\\u0085", "\\ud800", "\\udfff", "\\udc00\\ud800", "x".repeat(20_000));
    /** Query parameter values, as decoded by the service. */
    private static final List<String> HOSTILE_PARAMETERS = List.of("\u0000", "a\u0000b", "\u0001", "\u001b[2J", "\u007f");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPlatform platform;

    /** One request body with one field to poison: {@code path} is the field's place in the body. */
    private record Case(PartnerApi caller, String method, String url, Map<String, Object> body, List<Object> path) {
    }

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void hostileTextInAnyFieldOfAnyApiIsA400NamingTheFieldNeverA5xx() throws Exception {
        PartnerApi admin = PartnerApi.admin(platform);
        String token = admin.createPartner("Hostile Text Ltd");
        PartnerApi partner = admin.as(token);
        String stream = (String) partner.createStream("Court 1").get("id");
        String destination = partner.createDestination("Ok", "rtmp", "rtmp://127.0.0.1:1935/live", "key");
        String ingest = platform.serviceUrl(Service.INGEST);
        String publish = platform.serviceUrl(Service.PUBLISH);
        String catalog = platform.serviceUrl(Service.CATALOG);
        Map<String, Object> match = new LinkedHashMap<>(Map.of("sport", "tennis", "competition", "Open", "stage", "Final",
                "title", "Final", "venue", "Centre Court", "scheduledStart", Instant.now().plusSeconds(3600).toString(),
                "participants", List.of(Map.of("name", "A. Player", "role", "player"))));
        String matchId = created(partner.exchange("POST", catalog + "/v1/matches", JSON.writeValueAsString(match)), "id");

        List<Case> cases = new ArrayList<>();
        cases.add(new Case(admin, "POST", ingest + "/v1/partners", Map.of("name", "P"), List.of("name")));
        for (String field : List.of("name", "passthrough")) {
            cases.add(new Case(partner, "POST", ingest + "/v1/streams", Map.of("name", "S", "passthrough", "p"),
                    List.of(field)));
            cases.add(new Case(partner, "PATCH", ingest + "/v1/streams/" + stream,
                    Map.of("name", "S", "passthrough", "p"), List.of(field)));
        }
        for (String field : List.of("name", "network", "ingestUrl", "streamKey")) {
            cases.add(new Case(partner, "POST", publish + "/v1/destinations", Map.of("name", "D", "network", "rtmp",
                    "ingestUrl", "rtmp://127.0.0.1:1935/live", "streamKey", "k"), List.of(field)));
        }
        for (String field : List.of("name", "network")) {
            cases.add(new Case(partner, "POST", publish + "/v1/connections",
                    Map.of("name", "C", "network", "youtube"), List.of(field)));
        }
        for (List<Object> path : List.<List<Object>>of(List.of("sport"), List.of("competition"), List.of("stage"),
                List.of("title"), List.of("venue"), List.of("participants", 0, "name"), List.of("participants", 0, "role"))) {
            cases.add(new Case(partner, "POST", catalog + "/v1/matches", match, path));
        }
        for (String field : List.of("sport", "competition", "title", "status")) {
            cases.add(new Case(partner, "PATCH", catalog + "/v1/matches/" + matchId,
                    Map.of("sport", "tennis", "competition", "Open", "title", "Final", "status", "scheduled"), List.of(field)));
        }
        cases.add(new Case(partner, "POST", catalog + "/v1/matches/" + matchId + "/cancel",
                Map.of("reason", "rain"), List.of("reason")));
        cases.add(new Case(partner, "PUT", catalog + "/v1/matches/" + matchId + "/plan",
                Map.of("plan", List.of(Map.of("destinationId", destination, "titleTemplate", "{title}"))),
                List.of("plan", 0, "titleTemplate")));

        int sent = 0;
        for (Case poisoned : cases) {
            for (String hostile : HOSTILE) {
                String body = poison(poisoned, hostile);
                HttpResponse<String> answer = poisoned.caller().exchangePastRateLimit(poisoned.method(), poisoned.url(),
                        body);
                String field = String.valueOf(poisoned.path().get(poisoned.path().size() - 1));
                assertThat(answer.statusCode()).as("%s %s with %s in %s", poisoned.method(), poisoned.url(), abbreviated(hostile),
                        poisoned.path()).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).as("the problem names the field %s", poisoned.path()).contains(field);
                sent++;
            }
        }
        for (String value : HOSTILE_PARAMETERS) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            for (String[] parameter : List.of(new String[] {catalog + "/v1/matches?text=" + encoded, "text"},
                    new String[] {catalog + "/v1/matches?competition=" + encoded, "competition"},
                    new String[] {ingest + "/v1/streams?cursor=" + encoded, "cursor"},
                    new String[] {catalog + "/v1/feeds/" + encoded.replace("%20", "_"), "provider"})) {
                HttpResponse<String> answer = partner.exchangePastRateLimit(
                        parameter[0].contains("/v1/feeds/") ? "PUT" : "GET", parameter[0], null);
                assertThat(answer.statusCode()).as("%s", parameter[0]).isEqualTo(400);
                assertThat(answer.body()).as(parameter[0]).contains(parameter[1]);
                sent++;
            }
        }
        assertThat(sent).as("hostile requests sent").isGreaterThanOrEqualTo(150);
    }

    /** The case's valid body with {@code hostile} (JSON string contents) at its field. */
    private static String poison(Case poisoned, String hostile) throws Exception {
        String marker = "@@hostile@@";
        Object body = JSON.readValue(JSON.writeValueAsString(poisoned.body()), Object.class);
        Object parent = body;
        List<Object> path = poisoned.path();
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? ((List<?>) parent).get(index) : ((Map<?, ?>) parent).get(step);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> holder = (Map<String, Object>) parent;
        holder.put((String) path.get(path.size() - 1), marker);
        return JSON.writeValueAsString(body).replace("\"" + marker + "\"", "\"" + hostile + "\"");
    }

    private static String created(HttpResponse<String> answer, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return (String) JSON.readValue(answer.body(), Map.class).get(field);
    }

    private static String abbreviated(String text) {
        return text.length() > 20 ? text.substring(0, 10) + "...(" + text.length() + ")" : text;
    }
}
