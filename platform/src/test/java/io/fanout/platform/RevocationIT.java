package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner revokes a credential at ingest-service; every service with a partner API (ingest, publish
 * and catalog, the console's sign-in included) refuses it within 60 s, while the partner's other
 * credential goes on working everywhere; a rotation does the same for the rotated credential.
 * transcode-service has no partner API: its player and playlists are public by URL.
 */
class RevocationIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void aRevokedOrRotatedCredentialIsRefusedByEveryServiceWithin60Seconds() {
        PartnerApi admin = PartnerApi.admin(platform);
        String first = admin.createPartner("Revoking Rugby Union");
        PartnerApi partner = admin.as(first);
        Map<String, Object> second = partner.newCredential();
        String firstId = credentialIdOf(partner);
        String secondToken = (String) second.get("token");
        assertAnswers(first, 200);
        assertAnswers(secondToken, 200);

        long revokedAt = System.nanoTime();
        admin.as(secondToken).revokeCredential(firstId);
        Map<String, Long> refusedAfterMillis = awaitRefusedEverywhere(first, revokedAt);
        assertAnswers(secondToken, 200);

        Map<String, Object> third = admin.as(secondToken).rotateCredential((String) second.get("id"));
        long rotatedAt = System.nanoTime();
        Map<String, Long> rotatedAfterMillis = awaitRefusedEverywhere(secondToken, rotatedAt);
        assertAnswers((String) third.get("token"), 200);
        Console.show(String.format("revoked credential refused after (ms) %s; rotated one after %s", refusedAfterMillis,
                rotatedAfterMillis));
    }

    /** The id of the credential a token carries, as the partner's own list says. */
    private static String credentialIdOf(PartnerApi partner) {
        HttpResponse<String> listed = partner.exchange("GET", platform.serviceUrl(Service.INGEST) + "/v1/credentials", null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Matcher current = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"[^}]*\"current\":true")
                .matcher(listed.body());
        assertThat(current.find()).as(listed.body()).isTrue();
        return current.group(1);
    }

    /** Every probe answers {@code status} with this token. */
    private static void assertAnswers(String token, int status) {
        probes(token).forEach((probe, answer) -> assertThat(answer).as(probe).isEqualTo(status));
    }

    /** Waits until every probe refuses the token; how long each took, in milliseconds, each within 60 s. */
    private static Map<String, Long> awaitRefusedEverywhere(String token, long since) {
        Map<String, Long> refusedAfter = new LinkedHashMap<>();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            probes(token).forEach((probe, answer) -> {
                if (answer == 401) {
                    refusedAfter.putIfAbsent(probe, (System.nanoTime() - since) / 1_000_000);
                }
            });
            assertThat(refusedAfter).as("refused so far").hasSize(probes(token).size());
        });
        return refusedAfter;
    }

    /** One partner call to each service with a partner API, and the console's sign-in: the status each answers. */
    private static Map<String, Integer> probes(String token) {
        PartnerApi caller = PartnerApi.admin(platform).as(token);
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("ingest GET /v1/streams",
                caller.exchange("GET", platform.serviceUrl(Service.INGEST) + "/v1/streams", null).statusCode());
        answers.put("publish GET /v1/destinations",
                caller.exchange("GET", platform.serviceUrl(Service.PUBLISH) + "/v1/destinations", null).statusCode());
        answers.put("catalog GET /v1/matches",
                caller.exchange("GET", platform.serviceUrl(Service.CATALOG) + "/v1/matches", null).statusCode());
        answers.put("catalog console sign-in", consoleSignIn(token));
        return answers;
    }

    /** The console's sign-in with the token: 303 (to the console) when it is a valid credential, else 401. */
    private static int consoleSignIn(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.serviceUrl(Service.CATALOG) + "/console/session"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 303 ? 200 : status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
