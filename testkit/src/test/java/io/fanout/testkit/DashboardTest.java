package io.fanout.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {

    @Test
    void readsTheMetricNamesOfEveryPanelsQueriesAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.json");
        Files.writeString(file, """
                {"panels": [
                  {"type": "row", "title": "Row"},
                  {"targets": [
                    {"expr": "sum by (state) (fanout_publish_pushes{job=~\\"$job\\", state=~\\"RETRYING|FAILED\\"})"},
                    {"expr": "histogram_quantile(0.95, sum by (le, network) (rate(fanout_publish_go_live_seconds_bucket[$__rate_interval])))"}
                  ]},
                  {"targets": [{"expr": "8 * sum without (instance) (rate(fanout_publish_sent_bytes_total[5m])) / up"}]}
                ]}
                """);
        Dashboard dashboard = Dashboard.read(file);

        assertThat(dashboard.queries()).hasSize(3);
        assertThat(dashboard.metricNames()).containsExactly("fanout_publish_go_live_seconds_bucket",
                "fanout_publish_pushes", "fanout_publish_sent_bytes_total");
        assertThat(dashboard.missingFrom("""
                # HELP fanout_publish_pushes Pushes
                fanout_publish_pushes{network="rtmp",state="LIVE"} 0.0
                fanout_publish_sent_bytes_total{network="rtmp"} 12.0
                """, "fanout_publish_")).containsExactly("fanout_publish_go_live_seconds_bucket");
        assertThat(dashboard.missingFrom("", "jvm_")).isEmpty();
    }

    @Test
    void theOperatorsDashboardReadsFanoutsOwnMetrics() {
        assertThat(Dashboard.named("fanout.json").metricNames())
                .contains("fanout_ingest_streams", "fanout_publish_pushes", "jvm_memory_used_bytes")
                .allMatch(name -> name.matches("[a-z][a-z0-9_]*"));
    }
}
