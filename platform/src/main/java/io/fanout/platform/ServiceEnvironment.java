package io.fanout.platform;

import io.fanout.local.Edge;
import io.fanout.local.Paths;
import io.fanout.local.Postgres;
import io.fanout.local.TokenKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * What each service of a local run is told through its environment: its port, the broker, its own
 * database (through the outage tests' relay when there is one), where the edge is, and the run's
 * keys and secrets, each only to the service that needs it. {@code extra} goes to every service.
 */
record ServiceEnvironment(Ports ports, String kafka, Edge edge, String adminKey, String edgeSecret,
        String credentialsKey, int databaseProxyPort, Map<String, String> extra) {

    Map<String, String> of(Service service, Postgres.Database database) {
        Map<String, String> env = new HashMap<>();
        env.put("FANOUT_HTTP_PORT", Integer.toString(ports.of(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("FANOUT_JWT_PUBLIC_KEY", TokenKeys.shared().publicKeyPem().toString());
        env.put("FANOUT_EDGE_SOURCE_URL", edge.ingestUrl());
        if (database != null) {
            env.put("FANOUT_DB_URL", databaseProxyPort == 0 ? database.jdbcUrl()
                    : database.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + databaseProxyPort + "/"));
            env.put("FANOUT_DB_USER", database.username());
            env.put("FANOUT_DB_PASSWORD", database.password());
        }
        switch (service) {
            case INGEST -> {
                env.put("FANOUT_ADMIN_API_KEY", adminKey);
                env.put("FANOUT_EDGE_SECRET", edgeSecret);
                env.put("FANOUT_JWT_PRIVATE_KEY", TokenKeys.shared().privateKeyPem().toString());
                env.put("FANOUT_INGEST_URL", edge.ingestUrl());
                env.put("FANOUT_SECURE_INGEST_URL", edge.secureIngestUrl());
                env.put("FANOUT_EDGE_HTTP_URL", edge.httpUrl());
            }
            case TRANSCODE -> {
                env.put("FANOUT_EDGE_RENDITIONS_URL", edge.rtmpUrl(Edge.RELAY_APP));
                env.put("FANOUT_EDGE_STAT_URL", edge.statUrl());
                env.put("FANOUT_MEDIA_DIR", Paths.fresh("transcode-media").toString());
            }
            case PUBLISH -> {
                env.put("FANOUT_CREDENTIALS_KEY", credentialsKey);
                // The local stand-ins for the networks listen on loopback.
                env.put("FANOUT_DESTINATION_ALLOW_LIST", "127.0.0.1");
                // A restarted publish-service takes its Kafka partitions back at once (static membership)
                // and adopts the pushes a stopped or killed one left running (recorded here).
                env.put("FANOUT_INSTANCE_ID", "publish-service-local");
                env.put("FANOUT_PUBLISH_RUNNER_STATE_DIR", Paths.fresh("publish-pushes").toString());
            }
            default -> {
            }
        }
        env.putAll(extra);
        return env;
    }
}
