package io.fanout.publish;

import io.fanout.testkit.Edge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two real nginx-rtmp servers for publish-service's tests: the platform edge pushes read from
 * ({@code live/<streamId>}), and one standing in for the networks' ingest ({@code youtube/<key>},
 * {@code twitch/<key>}). The service is pointed at the first.
 */
public final class EdgesResource implements QuarkusTestResourceLifecycleManager {

    private static Edge source;
    private static Edge networks;

    static Edge source() {
        return source;
    }

    static Edge networks() {
        return networks;
    }

    @Override
    public Map<String, String> start() {
        source = Edge.builder().start();
        networks = Edge.builder().application("youtube").application("twitch").start();
        return Map.of("fanout.publish.source-url", source.ingestUrl());
    }

    @Override
    public void stop() {
        source.stop();
        networks.stop();
    }
}
