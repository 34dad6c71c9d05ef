package io.fanout.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fanout.publish.config.PublishConfig;
import io.fanout.testkit.KubernetesManifests;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * publish-service's Kubernetes manifests ({@code deploy/kubernetes}), read with fabric8's model:
 * they are the typed objects they claim to be, bound together, and the StatefulSet configures what
 * the service reads (every variable is one the service knows; the pod runner, its namespace and the
 * static group membership come out as meant). KubernetesPushRunnerTest checks the Role against
 * the runner's requests.
 */
class DeployManifestTest {

    @Test
    void theManifestsAreTheKubernetesObjectsTheyClaimToBe() {
        List<HasMetadata> items = manifests();

        assertThat(items).extracting(HasMetadata::getClass).containsExactlyInAnyOrder(ServiceAccount.class, Role.class,
                RoleBinding.class, Service.class, StatefulSet.class);
        RoleBinding binding = items.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getName()).isEqualTo(items.stream().filter(Role.class::isInstance)
                .findFirst().orElseThrow().getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo(statefulSet().getSpec().getTemplate().getSpec()
                        .getServiceAccountName()));
    }

    @Test
    void theStatefulSetConfiguresWhatTheServiceReads() throws IOException {
        Container container = statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = KubernetesManifests.environment(container);
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(env.keySet()).allSatisfy(name -> assertThat(properties.contains("${" + name + ":")
                || properties.contains("${" + name + "}") || name.startsWith("FANOUT_PUBLISH_"))
                .as("%s is read by the service", name).isTrue());

        // The service's own application.properties, with the StatefulSet's variables as the environment.
        PublishConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(PublishConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Path.of("src/main/resources/application.properties").toUri().toURL(),
                        250))
                .withSources(new EnvConfigSource(env, 300)).build().getConfigMapping(PublishConfig.class);
        assertThat(config.runner()).isEqualTo("kubernetes");
        assertThat(config.kubernetes().namespace()).contains("(metadata.namespace)");
        assertThat(config.kubernetes().image()).startsWith("ghcr.io/fanout/push-ffmpeg:");
        assertThat(config.credentialsKey()).isEqualTo("(secret publish-service-credentials/key)");
        assertThat(config.sourceUrl()).isEqualTo("rtmp://fanout-edge:1935/live");
        assertThat(env).containsEntry("FANOUT_INSTANCE_ID", "(metadata.name)");
        assertThat(config.connections().callbackUrl()).isEqualTo("https://publish.fanout.example/v1/connections/callback");
        assertThat(config.networks().youtubeClientId()).contains("(secret publish-service-networks/youtube-client-id)");
        assertThat(config.networks().facebookAppSecret()).contains("(secret publish-service-networks/facebook-app-secret)");
        assertThat(config.networks().xClientId()).contains("(secret publish-service-networks/x-client-id)");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(env.get("FANOUT_JWT_PUBLIC_KEY"))
                .startsWith(container.getVolumeMounts().get(0).getMountPath() + "/");
    }

    private static StatefulSet statefulSet() {
        return KubernetesManifests.only(manifests(), StatefulSet.class);
    }

    private static List<HasMetadata> manifests() {
        return KubernetesManifests.load("deploy/kubernetes/base/publish-service.yaml");
    }
}
