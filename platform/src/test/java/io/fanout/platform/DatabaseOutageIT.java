package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.testkit.Encoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away from every service (through the relay the system tests put in front of it:
 * connections break, new ones are refused) while a stream is live: every partner API answers 503
 * problem+json with Retry-After instead of a 500; the edge's update hook keeps the live publisher
 * (fail open) while a new publish is refused (fail closed); once the database is back, everything
 * answers again and the refused encoder gets in, with nothing restarted.
 */
class DatabaseOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void withoutItsDatabaseEveryApiAnswers503AndNoLiveStreamIsCut() throws Exception {
        PartnerApi admin = PartnerApi.admin(platform);
        String token = admin.createPartner("Rugby Union");
        PartnerApi partner = admin.as(token);
        Map<String, Object> live = partner.createStream("Test match", 0);
        Map<String, Object> later = partner.createStream("Second test", 0);
        String liveId = (String) live.get("id");
        Encoder encoder = Encoder.to((String) live.get("publishUrl")).size(320, 240).start();
        Encoder refused = null;
        try {
            await().atMost(PATIENCE).until(() -> platform.edge().isPublishing(liveId));
            int keptBefore = platform.logOccurrences(Service.INGEST, "database unavailable: keeping the live publisher");

            platform.cutDatabase();
            List<HttpRequest> calls = List.of(
                    get(platform.serviceUrl(Service.INGEST) + "/v1/streams", token),
                    get(platform.serviceUrl(Service.INGEST) + "/v1/streams/" + liveId, token),
                    get(platform.serviceUrl(Service.PUBLISH) + "/v1/destinations", token),
                    get(platform.serviceUrl(Service.PUBLISH) + "/v1/streams/" + liveId + "/targets", token),
                    get(platform.serviceUrl(Service.CATALOG) + "/v1/matches", token),
                    HttpRequest.newBuilder(URI.create(platform.serviceUrl(Service.INGEST) + "/v1/partners"))
                            .header("Authorization", "Bearer " + platform.adminKey())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"During the outage\"}")).build());
            for (HttpRequest call : calls) {
                HttpResponse<String> answer = HTTP.send(call, HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s %s without its database", call.method(), call.uri()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).as(call.uri().toString())
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.headers().firstValue("Retry-After")).as(call.uri().toString()).hasValue("5");
            }

            refused = Encoder.to((String) later.get("publishUrl")).size(320, 240).start();
            refused.awaitExit(PATIENCE);
            await("the edge's update hook called twice during the outage").atMost(PATIENCE).until(() ->
                    platform.logOccurrences(Service.INGEST, "database unavailable: keeping the live publisher") >= keptBefore + 2);
            assertThat(platform.edge().isPublishing(liveId)).as("the live stream, through the outage").isTrue();
            assertThat(encoder.isRunning()).as("its encoder").isTrue();

            platform.restoreDatabase();
            await("every API answers again").atMost(PATIENCE).until(() -> calls.subList(0, 5).stream()
                    .allMatch(call -> status(call) == 200));
            refused = Encoder.to((String) later.get("publishUrl")).size(320, 240).start();
            String laterId = (String) later.get("id");
            await("a publish refused during the outage gets in").atMost(PATIENCE)
                    .until(() -> platform.edge().isPublishing(laterId));
            assertThat(platform.edge().isPublishing(liveId)).isTrue();
        } finally {
            platform.restoreDatabase();
            encoder.stop();
            if (refused != null) {
                refused.stop();
            }
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static int status(HttpRequest call) {
        try {
            return HTTP.send(call, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
