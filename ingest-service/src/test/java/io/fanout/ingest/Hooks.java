package io.fanout.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Calls of the edge hooks as nginx-rtmp makes them (query string, test edge secret). */
final class Hooks {

    static final String SECRET = "test-edge-secret";

    private Hooks() {
    }

    /** {@code hook} (on_publish, on_publish_done) for {@code key} from edge client {@code clientId}. */
    static Response call(String hook, String key, String clientId) {
        String call = hook.substring(3);
        return given().redirects().follow(false).queryParam("call", call).queryParam("app", "live")
                .queryParam("name", key)
                .queryParam("addr", "127.0.0.1").queryParam("clientid", clientId)
                .get("/internal/edge/" + SECRET + "/" + hook);
    }
}
