package io.fanout.testkit.quarkus;

import static io.restassured.RestAssured.given;

/** Reads the application under test's {@code /q/metrics} (Prometheus text). */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of one series, written as Prometheus does ({@code name{label="value",...}}, labels in
     * alphabetical order); 0 when it is not there yet. What follows the value (an OpenMetrics exemplar,
     * {@code # {trace_id=...} 1.0}, on series recorded inside a sampled trace) is not part of it.
     */
    public static double value(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0])).orElse(0.0);
    }
}
