package io.fanout.testkit;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * RBAC against what a runner really asks: the requests fabric8's mock API server received, as RBAC
 * names them ("verb resource"), and what the Roles of a manifest in the repository grant. A test that
 * drives a runner through a job's life and compares the two makes RBAC that drifts from the code break
 * the build, not a live broadcast.
 */
public final class KubernetesRbac {

    private KubernetesRbac() {
    }

    /** The requests {@code server} received since the last call, as RBAC's "verb resource". */
    public static Set<String> requestsSoFar(KubernetesMockServer server) throws InterruptedException {
        Set<String> made = new TreeSet<>();
        for (RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            made.add(permission(r.getMethod(), r.getPath()));
        }
        return made;
    }

    /** What the Roles in {@code manifest} (a path in the repository) grant on the core API group. */
    public static Set<String> granted(KubernetesClient client, String manifest) {
        Set<String> granted = new TreeSet<>();
        try (InputStream in = Files.newInputStream(RepositoryFiles.path(manifest))) {
            client.load(in).items().stream().filter(Role.class::isInstance).map(Role.class::cast)
                    .flatMap(role -> role.getRules().stream())
                    .filter(rule -> rule.getApiGroups().contains(""))
                    .forEach(rule -> rule.getResources().forEach(resource -> rule.getVerbs()
                            .forEach(verb -> granted.add(verb + " " + resource))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return granted;
    }

    /** What RBAC calls a request to {@code /api/v1/namespaces/<ns>/<resource>[/<name>[/<sub>]]}. */
    static String permission(String method, String path) {
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        List<String> parts = List.of(path.split("\\?")[0].split("/"));
        int at = parts.indexOf("namespaces") + 2;
        String resource = parts.get(at) + (parts.size() > at + 2 ? "/" + parts.get(at + 2) : "");
        boolean named = parts.size() > at + 1;
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return verb + " " + resource;
    }
}
