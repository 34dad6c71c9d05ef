package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential ingest-service revoked (announced on {@code partner-credentials}, from the real
 * broker) is refused by the match API and by the console's sign-in; the partner's other credential
 * goes on working.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class CredentialRevocationTest {

    private static EventPublisher ingest;

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
    }

    @Test
    void aRevokedCredentialIsRefusedEverywhereAndTheOtherOneStillWorks() {
        UUID partner = UUID.randomUUID();
        UUID leaked = UUID.randomUUID();
        String revoked = TokenKeys.shared().partnerToken(partner, leaked);
        String kept = TokenKeys.shared().partnerToken(partner, UUID.randomUUID());
        given().auth().oauth2(revoked).get("/v1/matches").then().statusCode(200);
        given().redirects().follow(false).formParam("token", revoked).post("/console/session").then().statusCode(303);

        ingest.send(new CredentialRevoked(leaked.toString(), partner.toString(), Instant.now(),
                Instant.now().plusSeconds(3600)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/v1/matches").then().statusCode(401));
        given().auth().oauth2(revoked).get("/v1/feeds").then().statusCode(401);
        given().formParam("token", revoked).post("/console/session").then().statusCode(401);
        given().cookie("fanout_console", revoked).get("/console/matches").then().statusCode(401);
        given().auth().oauth2(kept).get("/v1/matches").then().statusCode(200);
        given().redirects().follow(false).formParam("token", kept).post("/console/session").then().statusCode(303);
    }
}
