package io.fanout.publish;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for the networks' APIs (Google OAuth, YouTube Data API, Facebook
 * Graph, X): publish-service's base URLs point at it; each test stubs what it needs.
 */
public final class NetworkApisResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer apis;

    static WireMockServer apis() {
        return apis;
    }

    @Override
    public Map<String, String> start() {
        apis = new WireMockServer(options().dynamicPort());
        apis.start();
        String base = apis.baseUrl();
        return Map.of("fanout.publish.networks.youtube-oauth-url", base,
                "fanout.publish.networks.youtube-api-url", base,
                "fanout.publish.networks.youtube-client-id", "fanout-test-client",
                "fanout.publish.networks.youtube-client-secret", "fanout-test-secret",
                "fanout.publish.networks.facebook-graph-url", base + "/graph",
                "fanout.publish.networks.facebook-api-version", "v26.0",
                "fanout.publish.networks.x-api-url", base + "/x");
    }

    @Override
    public void stop() {
        apis.stop();
    }
}
