package io.fanout.transcode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.testkit.Dashboard;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * While a ladder runs, {@code /q/metrics} carries every transcode metric the operators' dashboard
 * reads, with real values (speed, frames, CPU); they go away with the ladder.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class LadderMetricsTest extends LiveSessionsTest {

    @Test
    void aRunningLadderExposesEveryMetricTheDashboardReads() {
        LiveSessions.Session live = sessions.session(e -> e).start();
        try {
            live.awaitLadder(1);
            String speed = "fanout_transcode_speed{stream_id=\"" + live.stream + "\"}";

            await("the ladder's speed is measured").atMost(LiveSessions.DEADLINE)
                    .until(() -> value(metrics(), speed), v -> v > 0.5);
            String metrics = metrics();
            assertThat(Dashboard.named("fanout.json").missingFrom(metrics, "fanout_transcode_")).isEmpty();
            assertThat(value(metrics, "fanout_transcode_fps{stream_id=\"" + live.stream + "\"}")).isGreaterThan(10);
            assertThat(value(metrics, "fanout_transcode_cpu_seconds{stream_id=\"" + live.stream + "\"}")).isGreaterThan(0);
            assertThat(value(metrics, "fanout_transcode_ladders_running")).isGreaterThanOrEqualTo(1);
        } finally {
            live.killEncoder();
            live.end();
        }
        live.awaitEvent(io.fanout.contracts.EventType.LADDER_STOPPED);
        assertThat(metrics()).doesNotContain("stream_id=\"" + live.stream + "\"");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series {@code name{labels}} (exactly as written), or -1 when absent. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)(?: # .*)?$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
