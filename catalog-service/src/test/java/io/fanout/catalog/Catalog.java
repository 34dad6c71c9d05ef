package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.push.Network;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One partner of the catalog in a test: its token, and the calls and upstream events a test makes on
 * its behalf (streams and destinations announced as ingest- and publish-service would, matches and
 * feeds through the API).
 */
final class Catalog {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final UUID partner;
    final String token;

    Catalog() {
        this(UUID.randomUUID());
    }

    Catalog(UUID partner) {
        this.partner = partner;
        this.token = TokenKeys.shared().partnerToken(partner);
    }

    /** Announces a stream of this partner and waits until the catalog knows it. */
    UUID stream(EventPublisher ingest) {
        UUID stream = UUID.randomUUID();
        ingest.send(Events.streamCreated(stream, partner));
        await().atMost(DEADLINE).until(() -> given().auth().oauth2(token).get("/v1/streams/{id}/live", stream)
                .statusCode() == 200);
        return stream;
    }

    /** Announces a destination of this partner, as publish-service does when it is created. */
    UUID destination(EventPublisher publish, String name, Network network) {
        UUID destination = UUID.randomUUID();
        publish.send(Events.destinationCreated(destination, partner, name, network));
        return destination;
    }

    /** Sets the match's plan, waiting while a destination just announced is not known here yet. */
    void awaitPlan(UUID match, List<Map<String, Object>> destinations) {
        await().atMost(DEADLINE).until(() -> plan(match, destinations).statusCode() == 200);
    }

    UUID createMatch(Map<String, Object> body) {
        return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/matches")
                .then().statusCode(201).extract().path("id"));
    }

    /** A rugby match starting at {@code start} with {@code extra} fields. */
    UUID createMatch(String start, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("sport", "rugby", "competition", "Six Nations",
                "participants", List.of(Map.of("name", "France", "role", "home"), Map.of("name", "Ireland", "role", "away")),
                "venue", "Stade de France", "scheduledStart", start));
        body.putAll(extra);
        return createMatch(body);
    }

    Response plan(UUID match, List<Map<String, Object>> destinations) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", destinations))
                .put("/v1/matches/{id}/plan", match);
    }

    Response bind(UUID match, UUID stream) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("streamId", stream))
                .put("/v1/matches/{id}/stream", match);
    }

    Response match(UUID match) {
        return given().auth().oauth2(token).get("/v1/matches/{id}", match);
    }

    Response live(UUID match) {
        return given().auth().oauth2(token).get("/v1/matches/{id}/live", match);
    }

    void authorise(String provider) {
        given().auth().oauth2(token).put("/v1/feeds/{provider}", provider).then().statusCode(201);
    }
}
