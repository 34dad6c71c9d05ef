package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A kustomization of {@code deploy/kubernetes} as {@code kubectl kustomize} renders it, one object per
 * document; each directory is rendered once per test JVM.
 */
final class Kustomize {

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static List<JsonNode> render(String directory) {
        return RENDERED.computeIfAbsent(directory, Kustomize::kubectl);
    }

    private static List<JsonNode> kubectl(String directory) {
        try {
            Process kustomize = new ProcessBuilder("kubectl", "kustomize",
                    RepositoryFiles.path("deploy/kubernetes/" + directory).toString()).start();
            String out = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kustomize.waitFor()).as("kubectl kustomize %s: %s", directory, err).isZero();
            YAMLMapper yaml = new YAMLMapper();
            List<JsonNode> objects = new ArrayList<>();
            for (String document : out.split("(?m)^---$")) {
                if (!document.isBlank()) {
                    objects.add(yaml.readTree(document));
                }
            }
            return List.copyOf(objects);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The objects of {@code kind} among {@code objects}. */
    static List<JsonNode> kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** A container's environment: values, and "(secret name/key)" or "(field)" for references. */
    static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            JsonNode field = variable.at("/valueFrom/fieldRef/fieldPath");
            env.put(variable.path("name").asText(), !secret.isMissingNode()
                    ? "(secret " + secret.path("name").asText() + "/" + secret.path("key").asText() + ")"
                    : !field.isMissingNode() ? "(" + field.asText() + ")" : variable.path("value").asText());
        }
        return env;
    }
}
