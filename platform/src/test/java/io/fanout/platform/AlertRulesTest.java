package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.testkit.Dashboard;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of {@code deploy/prometheus/alerts.yml} through Prometheus' own {@code promtool}:
 * the file is valid, and each alert fires on the series of {@code alerts-test.yml} that should fire
 * it, after its {@code for}, with its summary and description rendered, and not on a near miss.
 * Each alert's runbook section exists in {@code deploy/README.md}.
 */
class AlertRulesTest {

    @Test
    void promtoolAcceptsTheRulesAndComposesPrometheusLoadsThem() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 9 rules found");
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void everyAlertFiresOnItsCaseAndNotOnItsNearMiss() throws Exception {
        assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
        String rules = Files.readString(RepositoryFiles.path("deploy/prometheus/alerts.yml"));
        String cases = Files.readString(RepositoryFiles.path("deploy/prometheus/alerts-test.yml"));
        Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
        int alerts = 0;
        while (alert.find()) {
            alerts++;
            assertThat(cases).as("a case of %s", alert.group(1)).contains("alertname: " + alert.group(1));
        }
        assertThat(alerts).isEqualTo(Dashboard.alertRules("alerts.yml").queries().size());
    }

    @Test
    void everyAlertHasItsRunbook() throws IOException {
        String rules = Files.readString(RepositoryFiles.path("deploy/prometheus/alerts.yml"));
        String readme = Files.readString(RepositoryFiles.path("deploy/README.md"));
        Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
        while (alert.find()) {
            assertThat(readme).as("the runbook of %s", alert.group(1)).contains("### " + alert.group(1) + "\n");
            assertThat(rules).contains("runbook: \"deploy/README.md#" + alert.group(1).toLowerCase() + "\"");
        }
    }

    private static String promtool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process promtool = new ProcessBuilder(command).directory(RepositoryFiles.path("deploy/prometheus").toFile())
                .redirectErrorStream(true).start();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(out).isZero();
        return out;
    }
}
