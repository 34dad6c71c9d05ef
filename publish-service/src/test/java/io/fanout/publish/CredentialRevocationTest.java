package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential ingest-service revoked (announced on {@code partner-credentials}, from the real
 * broker) is refused by every partner endpoint; the partner's other credential goes on working; a
 * record on that topic the service cannot read is parked with its reason and the revocation after it
 * still applies.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class CredentialRevocationTest {

    private static EventPublisher ingest;
    private static TopicRecorder deadLetters;

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.PARTNER_CREDENTIALS));
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        deadLetters.close();
    }

    @Test
    void aRevokedCredentialIsRefusedAfterAnUnreadableRecordIsParked() {
        UUID partner = UUID.randomUUID();
        UUID leaked = UUID.randomUUID();
        String revoked = TokenKeys.shared().partnerToken(partner, leaked);
        String kept = TokenKeys.shared().partnerToken(partner, UUID.randomUUID());
        given().auth().oauth2(revoked).get("/v1/destinations").then().statusCode(200);

        String poisonKey = UUID.randomUUID().toString();
        ingest.sendAs(Topics.PARTNER_CREDENTIALS, poisonKey, EventType.CREDENTIAL_REVOKED.ceType(),
                "{\"credentialId\":".getBytes(StandardCharsets.UTF_8));
        ingest.send(new CredentialRevoked(leaked.toString(), partner.toString(), Instant.now(),
                Instant.now().plusSeconds(3600)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/v1/destinations").then().statusCode(401));
        given().auth().oauth2(revoked).get("/v1/streams/{id}/targets", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(revoked).get("/v1/connections").then().statusCode(401);
        given().auth().oauth2(kept).get("/v1/destinations").then().statusCode(200);
        TopicRecorder.Recorded parked = deadLetters.awaitRecords(poisonKey, 1, Duration.ofSeconds(20)).get(0);
        assertThat(parked.header("dead-letter-reason")).isNotBlank();
    }
}
