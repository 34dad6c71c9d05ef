package io.fanout.testkit.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.fanout.testkit.Dashboard;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every Fanout service promises an orchestrator, as tests a service's {@code @QuarkusTest}
 * inherits: {@code /q/health/ready} is UP and names the checks of what the service depends on, and
 * {@code /q/metrics} serves Prometheus text with every metric of this service that the operators'
 * Grafana dashboard ({@code deploy/grafana/fanout.json}) and alert rules
 * ({@code deploy/prometheus/alerts.yml}) read.
 */
public abstract class ReadinessChecks {

    /** The names of the readiness checks this service must report, such as the Kafka connection. */
    protected abstract String[] expectedChecks();

    /**
     * The prefixes of the dashboard's and alerts' metrics this service exposes (its own
     * {@code fanout_<service>_}, {@code fanout_outbox_} if it keeps an outbox, {@code kafka_consumer_}
     * if it consumes); JVM and HTTP server metrics are every service's.
     */
    protected abstract String[] dashboardMetricPrefixes();

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

    @Test
    void exposesEveryMetricOfItsOwnThatTheDashboardAndTheAlertsRead() {
        // An application request, so that the HTTP server's series exist (a 404 counts).
        given().when().get("/dashboard-check").then().statusCode(404);
        String[] prefixes = Stream.concat(Stream.of("jvm_", "http_server_"),
                Stream.of(dashboardMetricPrefixes())).toArray(String[]::new);
        for (Dashboard reader : List.of(Dashboard.named("fanout.json"), Dashboard.alertRules("alerts.yml"))) {
            // Kafka clients register their metrics once they have connected.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    "metrics " + reader + " reads that /q/metrics does not expose", reader.missingFrom(
                            given().when().get("/q/metrics").then().statusCode(200).extract().asString(), prefixes),
                    empty()));
        }
    }
}
