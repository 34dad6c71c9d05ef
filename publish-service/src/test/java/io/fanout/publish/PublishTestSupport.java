package io.fanout.publish;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small steps the publish tests repeat: creating destinations and targets as a partner. */
final class PublishTestSupport {

    private PublishTestSupport() {
    }

    static String createDestination(String token, String network, String ingestUrl, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", network + " channel", "network", network, "ingestUrl", ingestUrl, "streamKey", key))
                .post("/v1/destinations").then().statusCode(201).extract().path("id");
    }

    /** Creates a target; returns the HTTP status (404 while the stream is not known here yet). */
    static int tryCreateTarget(String token, UUID streamId, String destinationId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("destinationId", destinationId))
                .post("/v1/streams/{id}/targets", streamId).statusCode();
    }

    /** The id of the stream's target that sends to {@code destinationId}. */
    static String targetOf(String token, UUID streamId, String destinationId) {
        List<Map<String, Object>> targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", streamId)
                .then().extract().path("$");
        return targets.stream().filter(t -> destinationId.equals(t.get("destinationId"))).findFirst()
                .map(t -> (String) t.get("id")).orElseThrow();
    }

    /** What the stream's target says its push reads ({@code live}, {@code slate}, {@code rendition <rung>}, null). */
    static String reading(String token, UUID streamId, String targetId) {
        List<Map<String, Object>> targets = given().auth().oauth2(token).get("/v1/streams/{id}/targets", streamId)
                .then().statusCode(200).extract().path("$");
        return targets.stream().filter(t -> targetId.equals(t.get("id"))).findFirst()
                .map(t -> (String) t.get("reading")).orElseThrow();
    }
}
