package io.fanout.publish;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The networks' authorization servers ({@link LoginStub}), with Fanout's OAuth clients at each pointed at them. */
public final class LoginStubResource implements QuarkusTestResourceLifecycleManager {

    private static LoginStub stub;

    static LoginStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        try {
            stub = new LoginStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = stub.baseUrl();
        return Map.ofEntries(
                Map.entry("fanout.publish.connections.callback-url", LoginStub.CALLBACK),
                Map.entry("fanout.publish.networks.youtube-consent-url", base + "/google/auth"),
                Map.entry("fanout.publish.networks.youtube-oauth-url", base + "/google"),
                Map.entry("fanout.publish.networks.youtube-client-id", LoginStub.GOOGLE_CLIENT),
                Map.entry("fanout.publish.networks.youtube-client-secret", LoginStub.GOOGLE_SECRET),
                Map.entry("fanout.publish.networks.facebook-dialog-url", base + "/facebook"),
                Map.entry("fanout.publish.networks.facebook-graph-url", base + "/graph"),
                Map.entry("fanout.publish.networks.facebook-api-version", "v26.0"),
                Map.entry("fanout.publish.networks.facebook-app-id", LoginStub.FACEBOOK_APP),
                Map.entry("fanout.publish.networks.facebook-app-secret", LoginStub.FACEBOOK_SECRET),
                Map.entry("fanout.publish.networks.x-consent-url", base + "/x/i/oauth2/authorize"),
                Map.entry("fanout.publish.networks.x-api-url", base + "/x"),
                Map.entry("fanout.publish.networks.x-client-id", LoginStub.X_CLIENT),
                Map.entry("fanout.publish.networks.x-client-secret", LoginStub.X_SECRET));
    }

    @Override
    public void stop() {
        stub.close();
    }
}
