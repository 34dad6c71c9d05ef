package io.fanout.testkit.quarkus;

import static io.restassured.RestAssured.given;

/** Reads the application under test's {@code /q/metrics} (Prometheus text). */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of one series, written as Prometheus does ({@code name{label="value",...}}, labels in
     * alphabetical order); 0 when it is not there yet.
     */
    public static double value(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }
}
