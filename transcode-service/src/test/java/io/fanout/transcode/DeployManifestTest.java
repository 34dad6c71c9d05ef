package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fanout.testkit.KubernetesManifests;
import io.fanout.transcode.config.TranscodeConfig;
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
 * transcode-service's Kubernetes manifests ({@code deploy/kubernetes/base/transcode-service.yaml}), read
 * with fabric8's model: the typed objects they claim to be, bound together; one instance; the media
 * volume mounted where the service's configuration says its media directory is and named as the
 * claim its ladder pods mount; and the StatefulSet's environment, resolved through the service's own
 * application.properties, is a configuration the service reads. KubernetesLadderRunnerTest checks the
 * Role against the runner's requests.
 */
class DeployManifestTest {

    private static final String MANIFEST = "deploy/kubernetes/base/transcode-service.yaml";

    @Test
    void theManifestsAreTheKubernetesObjectsTheyClaimToBe() {
        List<HasMetadata> items = KubernetesManifests.load(MANIFEST);

        assertThat(items).extracting(HasMetadata::getClass).containsExactlyInAnyOrder(ServiceAccount.class, Role.class,
                RoleBinding.class, PersistentVolumeClaim.class, Service.class, StatefulSet.class);
        RoleBinding binding = KubernetesManifests.only(items, RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(KubernetesManifests.only(items, Role.class).getMetadata().getName());
        StatefulSet statefulSet = KubernetesManifests.only(items, StatefulSet.class);
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName())
                .isEqualTo(statefulSet.getSpec().getTemplate().getSpec().getServiceAccountName()));
        assertThat(statefulSet.getSpec().getReplicas()).as("one instance owns the record of live sessions").isEqualTo(1);
        assertThat(KubernetesManifests.only(items, PersistentVolumeClaim.class).getSpec().getAccessModes())
                .containsExactly("ReadWriteMany");
    }

    @Test
    void theStatefulSetConfiguresWhatTheServiceReads() throws IOException {
        List<HasMetadata> items = KubernetesManifests.load(MANIFEST);
        StatefulSet statefulSet = KubernetesManifests.only(items, StatefulSet.class);
        Container container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = KubernetesManifests.environment(container);
        Path properties = Path.of("src/main/resources/application.properties");
        String text = Files.readString(properties);
        assertThat(env.keySet()).allSatisfy(name -> assertThat(text.contains("${" + name + ":")
                || text.contains("${" + name + "}") || name.startsWith("FANOUT_TRANSCODE_"))
                .as("%s is read by the service", name).isTrue());

        TranscodeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(TranscodeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, Path::of)
                .withSources(new PropertiesConfigSource(properties.toUri().toURL(), 250))
                .withSources(new EnvConfigSource(env, 300)).build().getConfigMapping(TranscodeConfig.class);
        assertThat(config.runner()).isEqualTo("kubernetes");
        assertThat(config.kubernetes().namespace()).contains("(metadata.namespace)");
        assertThat(config.kubernetes().image()).startsWith("ghcr.io/fanout/ladder-ffmpeg:");
        assertThat(config.sourceUrl()).isEqualTo("rtmp://fanout-edge:1935/live");
        assertThat(config.relayUrl()).isEqualTo("rtmp://fanout-edge:1935/renditions");
        assertThat(config.edgeStatUrl()).contains("http://fanout-edge:8080/stat");
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo(config.mediaDirectory().toString()));
        String claim = statefulSet.getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim()
                .getClaimName();
        assertThat(claim).isEqualTo(config.kubernetes().mediaClaim())
                .isEqualTo(KubernetesManifests.only(items, PersistentVolumeClaim.class).getMetadata().getName());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }
}
