package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Prometheus operator and Grafana's sidecar read on Kubernetes, from Kustomize's rendering
 * of the base, with the operator's model: a ServiceMonitor per service that selects its Service and
 * scrapes {@code /q/metrics} on a port the Service has; the PrometheusRule holding exactly the rules
 * of {@code deploy/prometheus/alerts.yml} (the file promtool tests); the dashboards' ConfigMap holding
 * exactly {@code deploy/grafana/fanout.json}.
 */
class KubernetesObservabilityTest {

    private static final List<JsonNode> RENDERED = Kustomize.render("base");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyServiceIsScrapedThroughItsService() throws IOException {
        List<ServiceMonitor> monitors = new ArrayList<>();
        for (JsonNode object : Kustomize.kind(RENDERED, "ServiceMonitor")) {
            monitors.add(YAML.treeToValue(object, ServiceMonitor.class));
        }
        assertThat(monitors).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Service.values()).map(Service::module).toList());
        for (ServiceMonitor monitor : monitors) {
            Map<String, String> wanted = monitor.getSpec().getSelector().getMatchLabels();
            List<JsonNode> selected = Kustomize.kind(RENDERED, "Service").stream().filter(service -> wanted.entrySet()
                    .stream().allMatch(label -> label.getValue().equals(
                            service.at("/metadata/labels").path(label.getKey()).asText(null)))).toList();
            assertThat(selected).as(monitor.getMetadata().getName()).extracting(s -> s.at("/metadata/name").asText())
                    .containsExactly(monitor.getMetadata().getName());
            List<String> ports = new ArrayList<>();
            selected.get(0).at("/spec/ports").forEach(port -> ports.add(port.path("name").asText()));
            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                assertThat(ports).contains(endpoint.getPort());
                assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            }
        }
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheRulesPromtoolTests() throws IOException {
        List<JsonNode> rules = Kustomize.kind(RENDERED, "PrometheusRule");
        assertThat(rules).hasSize(1);
        PrometheusRule rule = YAML.treeToValue(rules.get(0), PrometheusRule.class);
        assertThat(rule.getSpec().getGroups()).isNotEmpty();
        JsonNode alerts = YAML.readTree(RepositoryFiles.path("deploy/prometheus/alerts.yml").toFile());
        assertThat(rules.get(0).at("/spec/groups")).isEqualTo(alerts.path("groups"));
    }

    @Test
    void theDashboardsConfigMapHoldsExactlyTheDashboard() throws IOException {
        List<JsonNode> maps = Kustomize.kind(RENDERED, "ConfigMap").stream()
                .filter(map -> "1".equals(map.at("/metadata/labels/grafana_dashboard").asText())).toList();
        assertThat(maps).hasSize(1);
        assertThat(maps.get(0).at("/data/fanout.json").asText())
                .isEqualTo(Files.readString(RepositoryFiles.path("deploy/grafana/fanout.json")));
    }
}
