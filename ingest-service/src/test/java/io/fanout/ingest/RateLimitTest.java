package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each partner's calls are limited on their own (here 5 at once, 2 a second): the sixth quick call
 * is a 429 problem with Retry-After, another partner's calls meanwhile pass, and the limited
 * partner's calls pass again once the bucket has refilled. The same filter guards every service.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class RateLimitTest {

    /** Limits small enough to reach in a test. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.api.rate-limit.requests-per-second", "2", "fanout.api.rate-limit.burst", "5");
        }
    }

    @Test
    void aPartnerOverItsLimitGets429WithRetryAfterAndNobodyElseIsSlowed() {
        String busy = Partners.newPartnerToken("Busy Broadcaster");
        String quiet = Partners.newPartnerToken("Quiet League");

        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 8 && limited == null; i++) {
            Response answer = given().auth().oauth2(busy).get("/v1/streams");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertThat(statuses).as("quick calls of one partner").startsWith(200, 200, 200, 200, 200).endsWith(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);

        given().auth().oauth2(quiet).get("/v1/streams").then().statusCode(200);
        await("the busy partner's bucket refilled").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().auth().oauth2(busy).get("/v1/streams").statusCode() == 200);
    }
}
