package io.fanout.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.fanout.ingest.Partners.TestStream;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every partner endpoint, called with another partner's credentials on the owner's stream: each
 * answers exactly what it answers for an id that does not exist (404, same problem body), and
 * nothing about the owner's stream changes. The admin endpoints refuse partner credentials.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class TenantIsolationTest {

    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    /** An endpoint that names a stream: how to call it with a token on a stream id. */
    private record Endpoint(String name, BiFunction<RequestSpecification, String, io.restassured.response.Response> call) {
    }

    private static final List<Endpoint> STREAM_ENDPOINTS = List.of(
            new Endpoint("GET stream", (r, id) -> r.get("/v1/streams/{id}", id)),
            new Endpoint("PATCH stream", (r, id) -> r.contentType(ContentType.JSON).body(Map.of("name", "taken"))
                    .patch("/v1/streams/{id}", id)),
            new Endpoint("GET sessions", (r, id) -> r.get("/v1/streams/{id}/sessions", id)),
            new Endpoint("POST disable", (r, id) -> r.post("/v1/streams/{id}/disable", id)),
            new Endpoint("POST enable", (r, id) -> r.post("/v1/streams/{id}/enable", id)),
            new Endpoint("POST complete", (r, id) -> r.post("/v1/streams/{id}/complete", id)),
            new Endpoint("POST reset-stream-key", (r, id) -> r.post("/v1/streams/{id}/reset-stream-key", id)),
            new Endpoint("DELETE stream", (r, id) -> r.delete("/v1/streams/{id}", id)));

    @Test
    void everyStreamEndpointAnswersAnotherPartnerAsIfTheStreamDidNotExist() {
        TestStream owned = Partners.newPartnerStream("Owner League", "Final", 60);
        Hooks.call("on_publish", owned.key(), "1").then().statusCode(302);
        String intruder = Partners.newPartnerToken("Intruder Media");

        for (Endpoint endpoint : STREAM_ENDPOINTS) {
            var onOwned = endpoint.call().apply(given().auth().oauth2(intruder), owned.id());
            var onUnknown = endpoint.call().apply(given().auth().oauth2(intruder), UNKNOWN);
            assertThat(onOwned.statusCode()).as(endpoint.name()).isEqualTo(404);
            assertThat(onOwned.contentType()).as(endpoint.name()).startsWith("application/problem+json");
            assertThat(onOwned.jsonPath().getString("title")).as(endpoint.name())
                    .isEqualTo(onUnknown.jsonPath().getString("title"));
            assertThat(onUnknown.statusCode()).as(endpoint.name()).isEqualTo(404);
        }

        given().auth().oauth2(owned.token()).get("/v1/streams/{id}", owned.id()).then().statusCode(200)
                .body("name", is("Final")).body("state", is("LIVE"));
        given().auth().oauth2(owned.token()).get("/v1/streams/{id}/sessions", owned.id()).then().statusCode(200)
                .body("size()", is(1));
        given().auth().oauth2(intruder).get("/v1/streams").then().statusCode(200)
                .body("streams.id", not(hasItem(owned.id())));
        given().auth().oauth2(intruder).queryParam("status", "live").get("/v1/streams").then().statusCode(200)
                .body("streams", is(List.of()));
    }

    @Test
    void theAdminEndpointsAndTheEdgeHooksRefusePartnerCredentials() {
        String partner = Partners.newPartnerToken("Curious Partner");
        String partnerId = given().auth().oauth2(Partners.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Someone else")).post("/v1/partners").then().statusCode(201).extract().path("id");

        given().auth().oauth2(partner).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/partners").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(partner).post("/v1/partners/{id}/credentials", partnerId).then().statusCode(403);
        given().auth().oauth2(partner).queryParam("app", "live").queryParam("name", "fo_x")
                .get("/internal/edge/" + partner + "/on_publish").then().statusCode(404);
    }
}
