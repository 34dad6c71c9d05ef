package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL on Kubernetes through CloudNativePG, as Kustomize renders it: each stateful service
 * reaches the cluster's primary ({@code <cluster>-rw}), in a database the operator declares in that
 * cluster, owned by a role whose password is the very Secret the service logs in with; production
 * keeps standbys to fail over to, the local overlay one instance.
 */
class KubernetesPostgresTest {


    @Test
    void eachStatefulServiceLogsIntoItsOwnDatabaseAsItsOwnRole() {
        List<JsonNode> base = Kustomize.render("base");
        JsonNode cluster = Kustomize.kind(base, "Cluster").get(0);
        String clusterName = cluster.at("/metadata/name").asText();
        Map<String, String> roleSecrets = new HashMap<>();
        cluster.at("/spec/managed/roles").forEach(role -> roleSecrets.put(role.path("name").asText(),
                role.at("/passwordSecret/name").asText()));
        for (Service stateful : Service.values()) {
            if (stateful.database() == null) {
                continue;
            }
            String service = stateful.module();
            Map<String, String> env = environment(base, service);
            String url = env.get("FANOUT_DB_URL");
            assertThat(url).as(service).startsWith("jdbc:postgresql://" + clusterName + "-rw:5432/");
            String database = url.substring(url.lastIndexOf('/') + 1);
            JsonNode declared = Kustomize.kind(base, "Database").stream()
                    .filter(d -> d.at("/spec/name").asText().equals(database)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Database " + database));
            assertThat(declared.at("/spec/cluster/name").asText()).isEqualTo(clusterName);
            String owner = declared.at("/spec/owner").asText();
            assertThat(roleSecrets).as("role %s", owner).containsKey(owner);
            String secret = roleSecrets.get(owner);
            assertThat(env).as(service).containsEntry("FANOUT_DB_USER", "(secret " + secret + "/username)")
                    .containsEntry("FANOUT_DB_PASSWORD", "(secret " + secret + "/password)");
            assertThat(Kustomize.kind(base, "Database").stream().filter(d -> d.at("/spec/owner").asText().equals(owner)))
                    .as("%s owns one database", owner).hasSize(1);
        }
    }

    @Test
    void productionFailsOverAndOneMachineRunsOne() {
        assertThat(Kustomize.kind(Kustomize.render("overlays/production"), "Cluster").get(0).at("/spec/instances").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(Kustomize.kind(Kustomize.render("overlays/local"), "Cluster").get(0).at("/spec/instances").asInt())
                .isEqualTo(1);
    }

    private static Map<String, String> environment(List<JsonNode> objects, String workload) {
        return Kustomize.environment(objects.stream().filter(o -> o.at("/metadata/name").asText().equals(workload))
                .filter(o -> o.path("kind").asText().matches("Deployment|StatefulSet")).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0"));
    }
}
