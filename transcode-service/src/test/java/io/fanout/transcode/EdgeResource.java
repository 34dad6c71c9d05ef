package io.fanout.transcode;

import io.fanout.kafka.LocalKafka;
import io.fanout.local.Edge;
import io.fanout.local.Paths;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real nginx-rtmp edge for transcode-service's tests (source {@code live}, relays
 * {@code renditions}), a media directory of its own, and the service on a known port so the URLs
 * its events carry can be opened. Ladders use x264's fastest preset to stay realtime on 2 cores,
 * and give up after two quick restarts.
 */
public final class EdgeResource implements QuarkusTestResourceLifecycleManager {

    private static Edge edge;
    private static String serviceUrl;

    static Edge edge() {
        return edge;
    }

    /** Where the service under test answers. */
    static String serviceUrl() {
        return serviceUrl;
    }

    @Override
    public Map<String, String> start() {
        edge = Edge.builder().start();
        int port = LocalKafka.freePort();
        serviceUrl = "http://127.0.0.1:" + port;
        return Map.of(
                "quarkus.http.test-port", Integer.toString(port),
                "fanout.transcode.public-url", serviceUrl,
                "fanout.transcode.source-url", edge.ingestUrl(),
                "fanout.transcode.relay-url", edge.rtmpUrl(Edge.RELAY_APP),
                "fanout.transcode.edge-stat-url", edge.statUrl(),
                "fanout.transcode.media-directory", Paths.fresh("media").toString(),
                "fanout.transcode.ladder.preset", "ultrafast",
                "fanout.transcode.restart.attempts", "2",
                "fanout.transcode.restart.first-delay", "300ms");
    }

    @Override
    public void stop() {
        edge.stop();
    }
}
