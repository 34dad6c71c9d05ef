package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.local.Encoder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away from every service (through the relay the system tests put in front of it:
 * connections break, new ones are refused) while a stream is live: every partner API answers 503
 * problem+json with Retry-After instead of a 500; the live publisher stays on the edge through
 * ingest-service's reconciliation passes (fail open) while a new publish is refused (fail closed);
 * once the database is back, everything answers again and the refused encoder gets in, with nothing restarted.
 */
class DatabaseOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
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
            int keptBefore = platform.logOccurrences(Service.INGEST, "database unavailable: nothing concluded from the edge");

            platform.cutDatabase();
            List<Call> calls = List.of(
                    new Call(partner, "GET", platform.serviceUrl(Service.INGEST) + "/v1/streams", null),
                    new Call(partner, "GET", platform.serviceUrl(Service.INGEST) + "/v1/streams/" + liveId, null),
                    new Call(partner, "GET", platform.serviceUrl(Service.PUBLISH) + "/v1/destinations", null),
                    new Call(partner, "GET", platform.serviceUrl(Service.PUBLISH) + "/v1/streams/" + liveId + "/targets", null),
                    new Call(partner, "GET", platform.serviceUrl(Service.CATALOG) + "/v1/matches", null),
                    new Call(admin, "POST", platform.serviceUrl(Service.INGEST) + "/v1/partners",
                            "{\"name\":\"During the outage\"}"));
            for (Call call : calls) {
                HttpResponse<String> answer = call.send();
                assertThat(answer.statusCode()).as("%s without its database", call).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).as(call.toString())
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.headers().firstValue("Retry-After")).as(call.toString()).hasValue("5");
            }

            refused = Encoder.to((String) later.get("publishUrl")).size(320, 240).start();
            refused.awaitExit(PATIENCE);
            await("two reconciliations with the edge during the outage").atMost(PATIENCE).until(() ->
                    platform.logOccurrences(Service.INGEST, "database unavailable: nothing concluded from the edge") >= keptBefore + 2);
            assertThat(platform.edge().isPublishing(liveId)).as("the live stream, through the outage").isTrue();
            assertThat(encoder.isRunning()).as("its encoder").isTrue();

            platform.restoreDatabase();
            await("every API answers again").atMost(PATIENCE).ignoreExceptions().until(() -> calls.subList(0, 5).stream()
                    .allMatch(call -> call.send().statusCode() == 200));
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

    /** One API call, made with a client's credential. */
    private record Call(PartnerApi api, String method, String url, String json) {
        HttpResponse<String> send() {
            return api.exchange(method, url, json);
        }

        @Override
        public String toString() {
            return method + " " + url;
        }
    }
}
