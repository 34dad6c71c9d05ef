package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.TopicRecorder.Recorded;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner's credentials: listed without tokens, added, rotated and revoked by the partner or the
 * administrator; a revoked token is refused at once, and each revocation is announced once on
 * {@code partner-credentials} (through the outbox) for the other services.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class CredentialTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static TopicRecorder credentials;

    @BeforeAll
    static void record() {
        credentials = TopicRecorder.of(Topics.PARTNER_CREDENTIALS);
    }

    @AfterAll
    static void stopRecording() {
        credentials.close();
    }

    @Test
    void aPartnerRotatesAndRevokesItsOwnCredentials() {
        String first = Partners.newPartnerToken("Rotating Rugby");
        JsonPath listed = given().auth().oauth2(first).get("/v1/credentials").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].current", is(true)).body("items[0].active", is(true))
                .body("items[0].expiresAt", notNullValue()).extract().jsonPath();
        String firstId = listed.getString("items[0].id");
        assertThat(listed.prettify()).doesNotContain(first).doesNotContain("token");

        Map<String, Object> second = given().auth().oauth2(first).post("/v1/credentials").then().statusCode(201)
                .extract().jsonPath().getMap("");
        String secondToken = (String) second.get("token");
        given().auth().oauth2(secondToken).get("/v1/streams").then().statusCode(200);

        Map<String, Object> rotated = given().auth().oauth2(secondToken)
                .post("/v1/credentials/{id}/rotate", firstId).then().statusCode(201).extract().jsonPath().getMap("");
        given().auth().oauth2(first).get("/v1/streams").then().statusCode(401);
        given().auth().oauth2((String) rotated.get("token")).get("/v1/streams").then().statusCode(200);
        assertRevokedOnce(firstId, (String) second.get("partnerId"), first);

        given().auth().oauth2(secondToken).delete("/v1/credentials/{id}", second.get("id")).then().statusCode(204);
        given().auth().oauth2(secondToken).get("/v1/streams").then().statusCode(401);
        assertRevokedOnce((String) second.get("id"), (String) second.get("partnerId"), secondToken);

        List<Map<String, Object>> items = given().auth().oauth2((String) rotated.get("token")).get("/v1/credentials")
                .then().statusCode(200).body("items", hasSize(3)).extract().jsonPath().getList("items");
        assertThat(items).filteredOn(item -> Boolean.TRUE.equals(item.get("active"))).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("id", rotated.get("id")).containsEntry("current", true));
        assertThat(items).filteredOn(item -> item.get("revokedAt") != null).hasSize(2);
    }

    @Test
    void aCredentialIsRevokedOnceAndOnlyByItsOwnerOrTheAdministrator() {
        String owner = Partners.newPartnerToken("Owner Esports");
        String other = Partners.newPartnerToken("Other Esports");
        String ownerCredential = given().auth().oauth2(owner).get("/v1/credentials").then().extract()
                .path("items[0].id");
        String ownerPartner = given().auth().oauth2(owner).post("/v1/credentials").then().statusCode(201).extract()
                .path("partnerId");

        given().auth().oauth2(other).delete("/v1/credentials/{id}", ownerCredential).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).post("/v1/credentials/{id}/rotate", ownerCredential).then().statusCode(404);
        given().auth().oauth2(owner).get("/v1/streams").then().statusCode(200);
        given().auth().oauth2(owner).get("/v1/partners/{id}/credentials", ownerPartner).then().statusCode(403);
        given().auth().oauth2(owner).delete("/v1/partners/{id}/credentials/{c}", ownerPartner, ownerCredential)
                .then().statusCode(403);

        given().auth().oauth2(Partners.ADMIN_KEY).get("/v1/partners/{id}/credentials", ownerPartner).then()
                .statusCode(200).body("items", hasSize(2)).body("items.current", everyItem(is(false)));
        given().auth().oauth2(Partners.ADMIN_KEY).delete("/v1/partners/{id}/credentials/{c}", ownerPartner,
                ownerCredential).then().statusCode(204);
        given().auth().oauth2(Partners.ADMIN_KEY).delete("/v1/partners/{id}/credentials/{c}", ownerPartner,
                ownerCredential).then().statusCode(404);
        given().auth().oauth2(owner).get("/v1/streams").then().statusCode(401);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("name", "after"))
                .post("/v1/streams").then().statusCode(401);
        assertRevokedOnce(ownerCredential, ownerPartner, owner);
        given().auth().oauth2(Partners.ADMIN_KEY).get("/v1/partners/{id}/credentials", UUID.randomUUID())
                .then().statusCode(404);
    }

    /** Exactly one revocation event for the credential, with its owner and expiry, never a token. */
    private static void assertRevokedOnce(String credentialId, String partnerId, String token) {
        Recorded event = credentials.awaitRecords(credentialId, 1, EVENTS).get(0);
        assertThat(event.header("ce_type")).isEqualTo(EventType.CREDENTIAL_REVOKED.ceType());
        CredentialRevoked revoked = (CredentialRevoked) Json.read(event.header("ce_type"), event.value());
        assertThat(revoked.credentialId()).isEqualTo(credentialId);
        assertThat(revoked.partnerId()).isEqualTo(partnerId);
        assertThat(revoked.expiresAt()).isAfter(revoked.occurredAt());
        assertThat(event.valueAsString()).doesNotContain(token);
        assertThat(credentials.withKey(credentialId)).hasSize(1);
    }
}
