package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.fanout.contracts.push.Network;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the match API, the feeds, the live view and the structured data, called by a
 * partner with another partner's ids: 404 as for unknown ids, nothing of the other partner's in any
 * list, and no binding or planning onto another partner's stream or destination.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class TenantIsolationTest {

    private static EventPublisher ingest;
    private static EventPublisher publish;

    private final Catalog owner = new Catalog();
    /** A partner whose id begins as the owner's: the text search keeps words by a short prefix of the partner's id. */
    private final Catalog other = new Catalog(UUID.fromString(owner.partner.toString().substring(0, 9)
            + UUID.randomUUID().toString().substring(9)));

    @BeforeAll
    static void connect() {
        ingest = EventPublisher.as("/fanout/ingest-service");
        publish = EventPublisher.as("/fanout/publish-service");
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        publish.close();
    }

    @Test
    void anotherPartnersMatchIsAsAbsentAsAnUnknownOneOnEveryEndpoint() {
        UUID stream = owner.stream(ingest);
        UUID match = owner.createMatch("2027-08-01T18:00:00Z", Map.of("streamId", stream, "title", "Owner's final"));
        UUID unknown = UUID.randomUUID();

        for (UUID id : List.of(match, unknown)) {
            given().auth().oauth2(other.token).get("/v1/matches/{id}", id).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(other.token).get("/v1/matches/{id}/live", id).then().statusCode(404);
            given().auth().oauth2(other.token).get("/v1/matches/{id}/jsonld", id).then().statusCode(404);
            given().auth().oauth2(other.token).contentType(ContentType.JSON).body(Map.of("title", "Mine now"))
                    .patch("/v1/matches/{id}", id).then().statusCode(404);
            given().auth().oauth2(other.token).post("/v1/matches/{id}/cancel", id).then().statusCode(404);
            given().auth().oauth2(other.token).delete("/v1/matches/{id}/stream", id).then().statusCode(404);
            other.plan(id, List.of()).then().statusCode(404);
        }
        UUID otherStream = other.stream(ingest);
        other.bind(match, otherStream).then().statusCode(404);
        given().auth().oauth2(other.token).get("/v1/streams/{id}/live", stream).then().statusCode(404);

        owner.match(match).then().statusCode(200).body("title", is("Owner's final")).body("status", is("scheduled"))
                .body("version", is(1));
    }

    @Test
    void listsAndFeedsShowOnlyThePartnersOwn() {
        owner.createMatch("2027-08-02T18:00:00Z", Map.of("title", "Shared words final"));
        other.createMatch("2027-08-02T18:00:00Z", Map.of("title", "Shared words final"));
        owner.authorise("owner-feed");

        List<String> seen = given().auth().oauth2(other.token).queryParam("q", "shared words").get("/v1/matches")
                .then().statusCode(200).extract().path("matches.title");
        assertThat(seen).hasSize(1);
        List<String> everything = given().auth().oauth2(other.token).queryParam("limit", 200).get("/v1/matches")
                .then().extract().path("matches.id");
        assertThat(everything).hasSize(1);
        given().auth().oauth2(other.token).get("/v1/feeds").then().statusCode(200).body("provider",
                org.hamcrest.Matchers.not(hasItem("owner-feed")));
        given().auth().oauth2(other.token).delete("/v1/feeds/owner-feed").then().statusCode(404);
        given().auth().oauth2(owner.token).get("/v1/feeds").then().body("provider", hasItem("owner-feed"));
    }

    @Test
    void aMatchIsNeverBoundToAnotherPartnersStreamNorPlannedOntoAnotherPartnersDestination() {
        UUID foreignStream = other.stream(ingest);
        UUID foreignDestination = other.destination(publish, "Their channel", Network.YOUTUBE);
        UUID ownDestination = owner.destination(publish, "Our channel", Network.YOUTUBE);
        UUID match = owner.createMatch("2027-08-03T18:00:00Z", Map.of());
        owner.awaitPlan(match, List.of(Map.of("destinationId", ownDestination)));

        owner.bind(match, foreignStream).then().statusCode(400).body("errors.field", hasItem("streamId"));
        owner.plan(match, List.of(Map.of("destinationId", ownDestination), Map.of("destinationId", foreignDestination)))
                .then().statusCode(400).body("errors.field", hasItem("plan[1].destinationId"));
        given().auth().oauth2(owner.token).contentType(ContentType.JSON).body(Map.of("sport", "rugby", "competition", "X",
                "title", "Y", "scheduledStart", "2027-08-03T18:00:00Z", "streamId", foreignStream)).post("/v1/matches")
                .then().statusCode(400).body("errors.field", hasItem("streamId"));
        owner.match(match).then().body("streamId", org.hamcrest.Matchers.nullValue())
                .body("plan.destinationId", org.hamcrest.Matchers.contains(ownDestination.toString()));
    }

    @Test
    void noCallWithoutAPartnerToken() {
        UUID id = UUID.randomUUID();
        given().get("/v1/matches").then().statusCode(401);
        given().get("/v1/matches/{id}", id).then().statusCode(401);
        given().get("/v1/matches/{id}/live", id).then().statusCode(401);
        given().get("/v1/streams/{id}/live", id).then().statusCode(401);
        given().get("/v1/feeds").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/v1/matches").then().statusCode(401);
    }

    @Test
    void aTokenVerifiedOnceDoesNotVouchForAnAlteredCopy() {
        given().auth().oauth2(owner.token).get("/v1/matches").then().statusCode(200);
        String[] parts = owner.token.split("\\.");
        String otherPartner = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8).replace(owner.partner.toString(), other.partner.toString());
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                otherPartner.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(forged).get("/v1/matches").then().statusCode(401);
        given().auth().oauth2(owner.token.substring(0, owner.token.length() - 2) + "AA").get("/v1/matches")
                .then().statusCode(401);
        given().auth().oauth2(owner.token).get("/v1/matches").then().statusCode(200);
    }
}
