package io.fanout.publish;

import io.fanout.testkit.Edge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two real nginx-rtmp servers for publish-service's tests: the platform edge pushes read from
 * ({@code live/<streamId>}), and one standing in for the networks' ingest ({@code youtube/<key>},
 * {@code twitch/<key>}). The service is pointed at the first. A third, {@link #unreliable()}
 * ({@code facebook/<key>}), has its ports reserved but is started, stopped and frozen by the tests
 * of destinations that fail.
 */
public final class EdgesResource implements QuarkusTestResourceLifecycleManager {

    private static Edge source;
    private static Edge networks;
    private static Edge unreliable;

    static Edge source() {
        return source;
    }

    static Edge networks() {
        return networks;
    }

    static Edge unreliable() {
        return unreliable;
    }

    @Override
    public Map<String, String> start() {
        source = Edge.builder().start();
        networks = Edge.builder().application("youtube").application("twitch").start();
        unreliable = Edge.builder().application("facebook").build();
        // The stand-in networks, and port 1 of loopback where a destination that refuses connections is.
        return Map.of("fanout.publish.source-url", source.ingestUrl(),
                "fanout.publish.destination-allow-list", "127.0.0.1:" + networks.rtmpPort() + ",127.0.0.1:1,127.0.0.1:"
                        + unreliable.rtmpPort());
    }

    @Override
    public void stop() {
        source.stop();
        networks.stop();
        unreliable.thaw();
        unreliable.stop();
    }
}
