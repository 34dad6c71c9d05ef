package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker-compose.yml} as Docker would read it ({@code docker-compose config}: merged,
 * interpolated, validated against the Compose schema), checked against what it starts: each
 * service's environment is configuration the service reads, and everything it must have is there;
 * secrets come from files the secrets service makes; names and ports agree across compose, the
 * Dockerfiles and Prometheus; the edge's configuration as its image renders it passes
 * {@code nginx -t}.
 */
class ComposeFileTest {

    private static JsonNode compose;

    @BeforeAll
    static void readAsDockerWould() throws Exception {
        Process config = new ProcessBuilder("docker-compose", "-f", RepositoryFiles.path("docker-compose.yml").toString(),
                "config").redirectErrorStream(false).start();
        String out = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(config.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor()).as("docker-compose config: %s", err).isZero();
        compose = new YAMLMapper().readTree(out);
    }

    @Test
    void everyServicesEnvironmentIsWhatItReadsAndHasWhatItNeeds() throws IOException {
        for (Service each : Service.values()) {
            String service = each.module();
            String properties = Files.readString(RepositoryFiles.path(service + "/src/main/resources/application.properties"));
            Map<String, String> environment = environment(service);
            for (String name : environment.keySet()) {
                String variable = name.endsWith("__FILE") ? name.substring(0, name.length() - "__FILE".length()) : name;
                assertThat(properties).as("%s reads %s", service, name)
                        .containsAnyOf("${" + variable + ":", "${" + variable + "}");
            }
            Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(properties);
            while (required.find()) {
                assertThat(environment.containsKey(required.group(1)) || environment.containsKey(required.group(1) + "__FILE"))
                        .as("%s needs %s (it has no default)", service, required.group(1)).isTrue();
            }
        }
    }

    @Test
    void secretsComeFromTheFilesTheSecretsServiceMakes() throws IOException {
        String maker = Files.readString(RepositoryFiles.path("deploy/docker/make-secrets.sh"));
        for (Service each : Service.values()) {
            String service = each.module();
            environment(service).forEach((name, value) -> {
                if (name.endsWith("__FILE") || value.startsWith("/run/fanout-secrets/")) {
                    String file = value.substring(value.lastIndexOf('/') + 1);
                    assertThat(value).as("%s %s", service, name).startsWith("/run/fanout-secrets/");
                    assertThat(maker).as("make-secrets.sh makes %s", file).contains("$dir/" + file);
                    assertThat(mounts(service)).as("%s mounts the secrets", service).contains("/run/fanout-secrets");
                }
            });
        }
        assertThat(environment("postgres")).containsEntry("POSTGRES_PASSWORD_FILE", "/run/fanout-secrets/db-password");
        assertThat(compose.at("/services/postgres/depends_on/secrets/condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void namesAndPortsAgreeAcrossComposeDockerfilesAndPrometheus() throws IOException {
        String prometheus = Files.readString(RepositoryFiles.path("deploy/prometheus/prometheus.yml"));
        String initSql = Files.readString(RepositoryFiles.path("deploy/compose/postgres-init.sql"));
        for (Service each : Service.values()) {
            String service = each.module();
            String properties = Files.readString(RepositoryFiles.path(service + "/src/main/resources/application.properties"));
            Matcher port = Pattern.compile("quarkus.http.port=\\$\\{FANOUT_HTTP_PORT:(\\d+)}").matcher(properties);
            assertThat(port.find()).isTrue();
            String http = port.group(1);
            String dockerfile = Files.readString(RepositoryFiles.path(service + "/Dockerfile"));
            assertThat(dockerfile).as(service + "'s image")
                    .contains("COPY --chown=10001 " + service + "/target/quarkus-app/lib/ lib/")
                    .contains("USER 10001")
                    .contains("ENV FANOUT_HTTP_PORT=" + http + " ")
                    .contains("EXPOSE " + http + "\n")
                    .contains("http://127.0.0.1:" + http + "/q/health/ready");
            assertThat(compose.at("/services/" + service + "/build/dockerfile").asText()).endsWith(service + "/Dockerfile");
            assertThat(published(service)).as(service + "'s API on the host").contains(http);
            assertThat(prometheus).contains("job_name: " + service).contains("\"" + service + ":" + http + "\"");
            Map<String, String> environment = environment(service);
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            if (environment.containsKey("FANOUT_DB_URL")) {
                String database = environment.get("FANOUT_DB_URL").replaceFirst(".*/", "");
                assertThat(environment.get("FANOUT_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
                assertThat(initSql).contains("CREATE DATABASE " + database + " OWNER " + environment("postgres")
                        .get("POSTGRES_USER") + ";");
            }
        }
        assertThat(environment("kafka")).containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
        assertThat(published("edge")).contains("1935", "1936");
    }

    @Test
    void theEdgeAsItsImageRendersItPassesNginxCheck(@TempDir Path dir) throws Exception {
        String conf = EdgeImageRendering.render(environment("edge"), "an-edge-secret", dir);
        assertThat(conf).contains("on_publish http://ingest-service:8081/internal/edge/an-edge-secret/on_publish;")
                .contains("listen 1936 ssl;").contains("proxy_pass 127.0.0.1:1935;");
        EdgeImageRendering.check(conf, "ingest-service", dir);
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        JsonNode node = compose.at("/services/" + service + "/environment");
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            environment.put(field.getKey(), field.getValue().asText());
        }
        return environment;
    }

    private static List<String> mounts(String service) {
        List<String> targets = new ArrayList<>();
        // "source:target[:mode]" or {source, target}
        compose.at("/services/" + service + "/volumes").forEach(volume -> targets.add(volume.isTextual()
                ? volume.asText().split(":")[1] : volume.path("target").asText()));
        return targets;
    }

    private static List<String> published(String service) {
        List<String> ports = new ArrayList<>();
        compose.at("/services/" + service + "/ports").forEach(port -> ports.add(port.path("published").asText()));
        return ports;
    }
}
