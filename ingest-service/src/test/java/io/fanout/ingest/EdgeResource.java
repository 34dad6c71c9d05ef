package io.fanout.ingest;

import io.fanout.kafka.LocalKafka;
import io.fanout.local.Edge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reserves the ports of the edge the tests start and stop, and points ingest-service at them, so
 * the service can ask the edge's statistics and control endpoints whichever edge a test runs. The
 * edge polls are fast here (1 s) so that tests see reconciliation quickly.
 */
public final class EdgeResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int rtmp = LocalKafka.freePort();
        int http = LocalKafka.freePort();
        return Map.of(
                "fanout.ingest.edge-http-url", "http://127.0.0.1:" + http,
                "fanout.ingest.edge-rtmp-url", "rtmp://127.0.0.1:" + rtmp + "/" + Edge.INGEST_APP,
                "fanout.test.edge-rtmp-port", Integer.toString(rtmp),
                "fanout.test.edge-http-port", Integer.toString(http),
                "fanout.ingest.edge-poll-interval", "1s",
                "fanout.ingest.health-interval", "2s",
                "fanout.ingest.health-sample", "9s");
    }

    @Override
    public void stop() {
        // Each test stops the edge it started.
    }

    /** An edge on the reserved ports with ingest-service's hooks at {@code hooks}, started. */
    static Edge startEdge(String hooks) {
        var config = ConfigProvider.getConfig();
        return Edge.builder()
                .ports(config.getValue("fanout.test.edge-rtmp-port", Integer.class),
                        config.getValue("fanout.test.edge-http-port", Integer.class))
                .hooks(hooks)
                .start();
    }
}
