package io.fanout.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Test helpers for the admin API: a new partner and its bearer token in one call. */
final class Partners {

    static final String ADMIN_KEY = "test-admin-key";

    private Partners() {
    }

    /** Creates a partner and a credential for it; returns the partner's token. */
    static String newPartnerToken(String name) {
        String partnerId = given().auth().oauth2(ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/partners").then().statusCode(201).extract().path("id");
        return given().auth().oauth2(ADMIN_KEY)
                .post("/v1/partners/{id}/credentials", partnerId).then().statusCode(201).extract().path("token");
    }

    /** A stream created for a test, with what the test needs to act as its owner and its encoder. */
    record TestStream(String token, String id, String key) {

        /** The stream's state as its owner sees it through the API. */
        String state() {
            return given().auth().oauth2(token).get("/v1/streams/{id}", id).then().statusCode(200)
                    .extract().path("state");
        }
    }

    /** A new partner with one new stream (default reconnect window). */
    static TestStream newPartnerStream(String partner, String stream) {
        String token = newPartnerToken(partner);
        Map<String, Object> created = newStream(token, stream);
        return new TestStream(token, (String) created.get("id"), (String) created.get("streamKey"));
    }

    /** A new partner with one new stream whose reconnect window is {@code windowSeconds}. */
    static TestStream newPartnerStream(String partner, String stream, int windowSeconds) {
        String token = newPartnerToken(partner);
        Map<String, Object> created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", stream, "reconnectWindowSeconds", windowSeconds))
                .post("/v1/streams").then().statusCode(201).extract().jsonPath().getMap("");
        return new TestStream(token, (String) created.get("id"), (String) created.get("streamKey"));
    }

    /** Creates a stream as the partner; returns the whole answer (id, streamKey, publishUrl, ...). */
    static Map<String, Object> newStream(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/streams").then().statusCode(201).extract().jsonPath().getMap("");
    }
}
