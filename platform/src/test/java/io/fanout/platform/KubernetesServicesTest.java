package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services and the edge on Kubernetes as Kustomize renders them: each service's workload runs
 * its image on its own port with its probes, its environment is configuration the service reads and
 * has everything the service needs without a default, its Service selects its pods; every Service
 * selects pods that exist; every Secret a workload reads is one deploy/README.md tells the operator
 * to create; the edge's configuration as its image renders it from the Deployment's environment
 * passes {@code nginx -t}, and its hooks reach ingest-service's Service.
 */
class KubernetesServicesTest {

    private static final List<JsonNode> RENDERED = Kustomize.render("base");

    @Test
    void eachServiceRunsItsImageOnItsPortWithWhatItReads() throws IOException {
        for (Service each : Service.values()) {
            String service = each.module();
            String properties = Files.readString(RepositoryFiles.path(service + "/src/main/resources/application.properties"));
            Matcher port = Pattern.compile("quarkus.http.port=\\$\\{FANOUT_HTTP_PORT:(\\d+)}").matcher(properties);
            assertThat(port.find()).isTrue();
            JsonNode workload = workload(service);
            JsonNode container = workload.at("/spec/template/spec/containers/0");
            assertThat(container.path("image").asText()).startsWith("ghcr.io/fanout/" + service + ":");
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(port.group(1));
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            Map<String, String> env = Kustomize.environment(container);
            assertThat(env).containsEntry("FANOUT_HTTP_PORT", port.group(1));
            for (String name : env.keySet()) {
                boolean mapped = name.startsWith("FANOUT_PUBLISH_") || name.startsWith("FANOUT_TRANSCODE_");
                assertThat(mapped || properties.contains("${" + name + ":") || properties.contains("${" + name + "}"))
                        .as("%s reads %s", service, name).isTrue();
            }
            Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(properties);
            while (required.find()) {
                assertThat(env).as("%s needs %s (it has no default)", service, required.group(1))
                        .containsKey(required.group(1));
            }
            JsonNode serviceObject = named("Service", service);
            assertThat(selects(serviceObject, workload)).as("Service %s selects its pods", service).isTrue();
            assertThat(serviceObject.at("/spec/ports/0/port").asText()).isEqualTo(port.group(1));
            assertThat(serviceObject.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        }
    }

    @Test
    void everyServiceObjectSelectsPodsThatExist() {
        for (JsonNode service : kind("Service")) {
            boolean some = kinds("Deployment", "StatefulSet").stream().anyMatch(workload -> selects(service, workload));
            assertThat(some).as("Service %s selects pods", service.at("/metadata/name").asText()).isTrue();
            for (JsonNode port : service.at("/spec/ports")) {
                String target = port.path("targetPort").asText();
                assertThat(kinds("Deployment", "StatefulSet").stream().filter(workload -> selects(service, workload))
                        .flatMap(workload -> StreamOf.each(workload.at("/spec/template/spec/containers/0/ports")))
                        .anyMatch(p -> p.path("name").asText().equals(target)))
                        .as("%s's port %s", service.at("/metadata/name").asText(), target).isTrue();
            }
        }
    }

    @Test
    void everySecretAWorkloadReadsIsOneTheOperatorIsToldToCreate() throws IOException {
        String readme = Files.readString(RepositoryFiles.path("deploy/README.md"));
        Set<String> users = new TreeSet<>();
        kind("KafkaUser").forEach(user -> users.add(user.at("/metadata/name").asText()));
        Set<String> secrets = new TreeSet<>();
        for (JsonNode workload : kinds("Deployment", "StatefulSet")) {
            for (JsonNode container : workload.at("/spec/template/spec/containers")) {
                for (JsonNode variable : container.path("env")) {
                    JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode()) {
                        secrets.add(ref.path("name").asText());
                    }
                }
            }
            for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
                if (volume.has("secret")) {
                    secrets.add(volume.at("/secret/secretName").asText());
                }
            }
        }
        secrets.removeAll(users); // made by Strimzi's User Operator
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(readme).as("deploy/README.md names the Secret %s", secret).contains("`" + secret + "`");
        }
    }

    @Test
    void theEdgeAsItsImageRendersItForKubernetesPassesNginxCheck(@TempDir Path dir) throws Exception {
        JsonNode edge = named("Deployment", "fanout-edge");
        Map<String, String> env = Kustomize.environment(edge.at("/spec/template/spec/containers/0"));
        assertThat(env.get("INGEST_HOOKS_BASE")).isEqualTo("http://ingest-service:"
                + named("Service", "ingest-service").at("/spec/ports/0/port").asText());
        String conf = EdgeImageRendering.render(env, "a-kubernetes-edge-secret", dir);
        assertThat(conf).contains("/internal/edge/a-kubernetes-edge-secret/on_publish;").contains("listen 1936 ssl;");
        for (JsonNode port : edge.at("/spec/template/spec/containers/0/ports")) {
            assertThat(conf).contains("listen " + port.path("containerPort").asText());
        }
        EdgeImageRendering.check(conf, "ingest-service", dir);
    }

    private static boolean selects(JsonNode service, JsonNode workload) {
        JsonNode labels = workload.at("/spec/template/metadata/labels");
        JsonNode selector = service.at("/spec/selector");
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return selector.size() > 0;
    }

    private static JsonNode workload(String name) {
        List<JsonNode> found = kinds("Deployment", "StatefulSet").stream()
                .filter(w -> w.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as("the workload of " + name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode named(String kind, String name) {
        return kind(kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<JsonNode> kinds(String... kinds) {
        List<JsonNode> found = new ArrayList<>();
        for (String kind : kinds) {
            found.addAll(kind(kind));
        }
        return found;
    }

    private static List<JsonNode> kind(String kind) {
        return RENDERED.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The elements of a JSON array as a stream. */
    private static final class StreamOf {
        static java.util.stream.Stream<JsonNode> each(JsonNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            return items.stream();
        }
    }
}
