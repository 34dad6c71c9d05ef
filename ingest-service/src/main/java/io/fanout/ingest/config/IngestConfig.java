package io.fanout.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of ingest-service (prefix {@code fanout.ingest}). */
@ConfigMapping(prefix = "fanout.ingest")
public interface IngestConfig {

    /** The RTMP URL partners publish to, without the stream key, as encoders must be told it. */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String ingestUrl();

    /** The edge application whose publishes are authorised (others are refused). */
    @WithDefault("live")
    String edgeApplication();

    /** Shared secret in the path of the edge's hook URLs; the hooks are not reachable without it. */
    String edgeSecret();

    /** The bootstrap administrator's API key; administrators create partners and their credentials. */
    String adminApiKey();

    /** Issuer of partner API tokens; every service verifies it. */
    @WithDefault("https://fanout.io/ingest")
    String tokenIssuer();

    /** How long a partner API token is valid. */
    @WithDefault("P365D")
    Duration tokenLifetime();
}
