package io.fanout.testkit.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * What every Fanout service promises an orchestrator, as tests a service's {@code @QuarkusTest}
 * inherits: {@code /q/health/ready} is UP and names the checks of what the service depends on, and
 * {@code /q/metrics} serves Prometheus text.
 */
public abstract class ReadinessChecks {

    /** The names of the readiness checks this service must report, such as the Kafka connection. */
    protected abstract String[] expectedChecks();

    @Test
    void readyWhenItsDependenciesAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(expectedChecks()));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
