package io.fanout.transcode;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's mock Kubernetes API server (CRUD mode) for the service under test, which runs its ladders
 * there as pods ({@code fanout.transcode.runner=kubernetes}) in namespace {@code test}. The pods never
 * run: the test reads what the service asked for.
 */
public final class KubernetesApiResource implements QuarkusTestResourceLifecycleManager {

    static final String NAMESPACE = "test";
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    /** A client of the mock API server, for the test to see the pods. */
    static KubernetesClient client() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", server.url("/"),
                "quarkus.kubernetes-client.namespace", NAMESPACE,
                "fanout.transcode.runner", "kubernetes",
                "fanout.transcode.kubernetes.namespace", NAMESPACE);
    }

    @Override
    public void stop() {
        client.close();
        server.destroy();
    }
}
