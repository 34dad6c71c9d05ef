package io.fanout.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of ingest-service (prefix {@code fanout.ingest}). */
@ConfigMapping(prefix = "fanout.ingest")
public interface IngestConfig {

    /** The RTMP URL partners publish to, without the stream key, as encoders must be told it. */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String ingestUrl();

    /**
     * The same ingest over TLS ({@code rtmps://}), where the edge offers it: what encoders that
     * require TLS (Facebook's own ingest does, and many hardware encoders default to it) are told.
     */
    Optional<String> secureIngestUrl();

    /** The edge application whose publishes are authorised (others are refused). */
    @WithDefault("live")
    String edgeApplication();

    /** Shared secret in the path of the edge's hook URLs; the hooks are not reachable without it. */
    String edgeSecret();

    /**
     * The edge's HTTP base URL ({@code /stat} and {@code /control} under it). Without it the service
     * cannot drop publishers, reconcile sessions with the edge or measure health.
     */
    Optional<String> edgeHttpUrl();

    /** Where the service reads a live stream from the edge for health probes; defaults to the ingest URL. */
    Optional<String> edgeRtmpUrl();

    /** How often the edge's statistics are compared with the sessions the service believes live. */
    @WithDefault("5s")
    Duration edgePollInterval();

    /** How often each live stream's health is measured and reported ({@code stream.health}). */
    @WithDefault("10s")
    Duration healthInterval();

    /**
     * How much of the live stream a health probe reads. A keyframe interval above 4 s is only seen
     * for sure in more than 8 s (two keyframes, or one keyframe far enough from both ends).
     */
    @WithDefault("10s")
    Duration healthSample();

    /** The ffprobe binary used by health probes. */
    @WithDefault("ffprobe")
    String ffprobe();

    /** The bootstrap administrator's API key; administrators create partners and their credentials. */
    String adminApiKey();

    /** Issuer of partner API tokens; every service verifies it. */
    @WithDefault("https://fanout.io/ingest")
    String tokenIssuer();

    /** How long a partner API token is valid. */
    @WithDefault("P365D")
    Duration tokenLifetime();

    /** Refused publishes (unknown keys) one address may make per minute before it is refused outright. */
    @WithDefault("20")
    int refusedPublishesPerMinute();
}
