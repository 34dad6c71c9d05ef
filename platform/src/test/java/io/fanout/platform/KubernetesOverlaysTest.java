package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The two ways Fanout is installed on Kubernetes, as {@code kubectl kustomize} renders them.
 * {@code overlays/local}: one of everything and Kafka on one node, topics that can be written there,
 * encoders on NodePorts. {@code overlays/production}: every service that runs several instances
 * spreads them over nodes and has a disruption budget; every Fanout pod is closed by default and
 * opened only to whom it serves (encoders to the edge's RTMP/RTMPS, the edge to the hooks, the
 * ingress controller to the APIs, Prometheus to the metrics); the Ingress routes only public paths of
 * Services that exist.
 */
class KubernetesOverlaysTest {

    private static final String INGRESS_CONTROLLER = "ingress-nginx";
    private static final String MONITORING = "monitoring";

    @Test
    void locallyEverythingRunsOnceAndKafkaOnOneNode() {
        List<JsonNode> local = Kustomize.render("overlays/local");
        for (JsonNode workload : workloads(local)) {
            assertThat(workload.at("/spec/replicas").asInt()).as(name(workload)).isEqualTo(1);
        }
        assertThat(Kustomize.kind(local, "KafkaNodePool").get(0).at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(Kustomize.kind(local, "Kafka").get(0).at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(1);
        for (JsonNode topic : Kustomize.kind(local, "KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as(name(topic)).isEqualTo(1);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).as(name(topic)).isEqualTo(1);
        }
        JsonNode ingest = named(local, "Service", "fanout-edge-ingest");
        assertThat(ingest.at("/spec/type").asText()).isEqualTo("NodePort");
        assertThat(ingest.at("/spec/ports/0/nodePort").asInt()).isEqualTo(31935);
        assertThat(ingest.at("/spec/ports/1/nodePort").asInt()).isEqualTo(31936);
        assertThat(named(local, "PersistentVolumeClaim", "transcode-media").at("/spec/accessModes/0").asText())
                .isEqualTo("ReadWriteOnce");
    }

    @Test
    void inProductionEveryReplicatedServiceSpreadsAndDrainsOneAtATime() {
        List<JsonNode> production = Kustomize.render("overlays/production");
        List<JsonNode> replicated = workloads(production).stream().filter(w -> w.at("/spec/replicas").asInt() > 1).toList();
        assertThat(replicated).extracting(KubernetesOverlaysTest::name)
                .containsExactlyInAnyOrder("publish-service", "catalog-service");
        for (JsonNode workload : replicated) {
            JsonNode labels = workload.at("/spec/template/metadata/labels");
            JsonNode budget = Kustomize.kind(production, "PodDisruptionBudget").stream()
                    .filter(b -> matches(b.at("/spec/selector/matchLabels"), labels)).findFirst()
                    .orElseThrow(() -> new AssertionError("no budget for " + name(workload)));
            assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
            JsonNode spread = workload.at("/spec/template/spec/affinity/podAntiAffinity/"
                    + "preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm");
            assertThat(spread.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertThat(matches(spread.at("/labelSelector/matchLabels"), labels)).as(name(workload)).isTrue();
        }
        for (JsonNode topic : Kustomize.kind(production, "KafkaTopic")) {
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt())
                    .as("%s survives a broker's loss", name(topic)).isLessThan(topic.at("/spec/replicas").asInt());
        }
    }

    @Test
    void inProductionEachPodIsOpenOnlyToWhomItServes() {
        List<JsonNode> production = Kustomize.render("overlays/production");
        List<JsonNode> policies = Kustomize.kind(production, "NetworkPolicy");
        JsonNode denyAll = policies.stream().filter(p -> p.at("/spec/ingress").isMissingNode()).findFirst().orElseThrow();
        for (JsonNode workload : workloads(production)) {
            JsonNode labels = workload.at("/spec/template/metadata/labels");
            assertThat(selects(denyAll.at("/spec/podSelector"), labels)).as("%s closed by default", name(workload)).isTrue();
        }
        assertThat(allowed(policies, "fanout-edge", 1935)).containsExactly("anyone");
        assertThat(allowed(policies, "fanout-edge", 1936)).containsExactly("anyone");
        assertThat(allowed(policies, "fanout-edge", 8080)).containsExactly("pod ingest-service", "pod transcode-service");
        assertThat(allowed(policies, "ingest-service", 8081)).containsExactly("namespace " + INGRESS_CONTROLLER,
                "namespace " + MONITORING, "pod fanout-edge");
        for (Map.Entry<String, Integer> api : Map.of("transcode-service", 8082, "publish-service", 8083, "catalog-service", 8084)
                .entrySet()) {
            assertThat(allowed(policies, api.getKey(), api.getValue())).as(api.getKey())
                    .containsExactly("namespace " + INGRESS_CONTROLLER, "namespace " + MONITORING);
        }
    }

    @Test
    void inProductionTheIngressRoutesOnlyPublicPathsOfServicesThatExist() {
        List<JsonNode> production = Kustomize.render("overlays/production");
        JsonNode ingress = Kustomize.kind(production, "Ingress").get(0);
        for (JsonNode rule : ingress.at("/spec/rules")) {
            for (JsonNode path : rule.at("/http/paths")) {
                String route = path.path("path").asText();
                assertThat(route).as(rule.path("host").asText()).isNotEqualTo("/").doesNotStartWith("/internal")
                        .doesNotStartWith("/q");
                JsonNode service = named(production, "Service", path.at("/backend/service/name").asText());
                String port = path.at("/backend/service/port/name").asText();
                List<String> ports = new ArrayList<>();
                service.at("/spec/ports").forEach(p -> ports.add(p.path("name").asText()));
                assertThat(ports).as(route).contains(port);
                if (service.at("/metadata/name").asText().equals("ingest-service")) {
                    assertThat(route).isEqualTo("/v1");
                }
            }
        }
    }

    /** Who the policies let reach the pods named {@code app} on {@code port}: "anyone", "pod X" or "namespace Y". */
    private static Set<String> allowed(List<JsonNode> policies, String app, int port) {
        Set<String> who = new TreeSet<>();
        for (JsonNode policy : policies) {
            if (!selectsApp(policy.at("/spec/podSelector"), app)) {
                continue;
            }
            for (JsonNode rule : policy.at("/spec/ingress")) {
                boolean covers = rule.path("ports").isMissingNode();
                for (JsonNode p : rule.path("ports")) {
                    covers |= p.path("port").asInt() == port;
                }
                if (!covers) {
                    continue;
                }
                if (rule.path("from").isMissingNode() || rule.path("from").isEmpty()) {
                    who.add("anyone");
                }
                for (JsonNode from : rule.path("from")) {
                    if (from.has("podSelector")) {
                        JsonNode pods = from.path("podSelector");
                        JsonNode name = pods.at("/matchLabels/app.kubernetes.io~1name");
                        if (!name.isMissingNode()) {
                            who.add("pod " + name.asText());
                        }
                        for (JsonNode expression : pods.path("matchExpressions")) {
                            expression.path("values").forEach(v -> who.add("pod " + v.asText()));
                        }
                    }
                    if (from.has("namespaceSelector")) {
                        who.add("namespace " + from.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
                    }
                }
            }
        }
        return who;
    }

    private static boolean selectsApp(JsonNode selector, String app) {
        JsonNode name = selector.at("/matchLabels/app.kubernetes.io~1name");
        if (!name.isMissingNode()) {
            return name.asText().equals(app);
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (expression.path("key").asText().equals("app.kubernetes.io/name")) {
                for (JsonNode value : expression.path("values")) {
                    if (value.asText().equals(app)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        return matches(selector.path("matchLabels"), labels);
    }

    /** Whether every label of {@code wanted} is among {@code labels} with the same value. */
    private static boolean matches(JsonNode wanted, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return wanted.size() > 0;
    }

    private static List<JsonNode> workloads(List<JsonNode> objects) {
        List<JsonNode> workloads = new ArrayList<>(Kustomize.kind(objects, "Deployment"));
        workloads.addAll(Kustomize.kind(objects, "StatefulSet"));
        return workloads;
    }

    private static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return Kustomize.kind(objects, kind).stream().filter(o -> name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
