package io.fanout.transcode;

import io.fanout.testkit.Edge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real nginx-rtmp edge for transcode-service's tests: source ({@code live}) and HLS output ({@code hls}). */
public final class EdgeResource implements QuarkusTestResourceLifecycleManager {

    private static Edge edge;

    static Edge edge() {
        return edge;
    }

    @Override
    public Map<String, String> start() {
        edge = Edge.builder().start();
        return Map.of(
                "fanout.transcode.source-url", edge.ingestUrl(),
                "fanout.transcode.output-url", edge.rtmpUrl(Edge.HLS_APP),
                "fanout.transcode.player-base-url", edge.httpUrl() + "/hls");
    }

    @Override
    public void stop() {
        edge.stop();
    }
}
