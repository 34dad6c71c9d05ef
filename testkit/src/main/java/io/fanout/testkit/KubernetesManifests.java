package io.fanout.testkit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kubernetes manifests in {@code deploy/kubernetes}, read with fabric8's model. */
public final class KubernetesManifests {

    private KubernetesManifests() {
    }

    /** The objects of a manifest file (a path in the repository), typed as their kinds say. */
    public static List<HasMetadata> load(String manifest) {
        try (InputStream in = Files.newInputStream(RepositoryFiles.path(manifest))) {
            Object documents = new KubernetesSerialization().unmarshal(in);
            List<?> items = documents instanceof KubernetesList list ? list.getItems() : (List<?>) documents;
            return items.stream().map(HasMetadata.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one object of {@code kind} in {@code items}. */
    public static <T extends HasMetadata> T only(List<HasMetadata> items, Class<T> kind) {
        List<T> found = items.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /**
     * A container's environment: each variable's value, or for one taken from the pod or a Secret,
     * a stand-in naming where from ({@code (metadata.name)}, {@code (secret <name>/<key>)}).
     */
    public static Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), valueOf(variable));
        }
        return env;
    }

    private static String valueOf(EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        if (variable.getValueFrom().getFieldRef() != null) {
            return "(" + variable.getValueFrom().getFieldRef().getFieldPath() + ")";
        }
        var secret = variable.getValueFrom().getSecretKeyRef();
        return "(secret " + secret.getName() + "/" + secret.getKey() + ")";
    }
}
