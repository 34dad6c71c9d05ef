package io.fanout.publish.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of publish-service (prefix {@code fanout.publish}). */
@ConfigMapping(prefix = "fanout.publish")
public interface PublishConfig {

    /** Where pushes read a live stream: this URL + "/" + stream id (the edge's ingest application). */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String sourceUrl();

    /** Id of the key that encrypts destination credentials (stored with each value). */
    @WithDefault("k1")
    String credentialsKeyId();

    /** 32 random bytes, base64: the AES-256-GCM key of destination credentials. */
    String credentialsKey();

    /** The ffmpeg binary pushes run. */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** Wait before the first retry of a push that broke; each further retry waits twice as long. */
    @WithDefault("2s")
    Duration restartDelay();

    /** The longest wait between two attempts of a push. */
    @WithDefault("30s")
    Duration retryMaxDelay();

    /**
     * How long a push must have broadcast for its next break to count as a first one: its back-off
     * starts over (the first delay again) and its attempts toward {@code exhausted} are counted anew.
     */
    @WithDefault("30s")
    Duration retrySteadyAfter();

    /** Attempts of a push (the first included) before it is {@code exhausted}. */
    @WithDefault("10")
    int retryMaxAttempts();

    /**
     * Destination hosts ({@code host} or {@code host:port}) pushes may reach although they are not
     * public: local stand-ins for the networks in tests and the demo. Empty in production.
     */
    Optional<List<String>> destinationAllowList();

    /** How long a push may see no progress from its source or destination before ffmpeg gives up. */
    @WithDefault("10s")
    Duration ioTimeout();

    /**
     * How long a push that was flowing may write no byte before it counts as stalled and is
     * restarted: a destination that stops reading without closing leaves ffmpeg blocked or filling
     * socket buffers, which {@code io-timeout} alone notices late or never.
     */
    @WithDefault("5s")
    Duration stallTimeout();

    /**
     * The socket send buffer of a push's destination connection (bytes; Linux doubles it). Bounded so
     * that a stalled destination shows as missing progress within seconds, large enough for the
     * bandwidth-delay product of a distant network ingest (8 Mb/s at 200 ms is 200 KB).
     */
    @WithDefault("262144")
    int sendBufferBytes();

    /**
     * The certificate authorities an {@code rtmps://} destination's certificate must chain to (a PEM
     * bundle; the system's by default, and present at the same path in the push image). The stream key
     * travels inside that connection, so a push verifies the certificate and its name before sending
     * it; ffmpeg does not unless told to.
     */
    @WithDefault("/etc/ssl/certs/ca-certificates.crt")
    String tlsCaFile();

    /**
     * Where the local runner records its running pushes (pid and start time), so that the next
     * instance can stop what a killed one left running. Default: {@code fanout-publish-pushes} in the
     * temporary directory. One directory per publish-service on a machine.
     */
    Optional<Path> runnerStateDir();

    /** The still image pushes send while their stream is interrupted; default: the built-in card. */
    Optional<Path> slateImage();

    /**
     * How long a push may read its live source before it opens the destination (ffmpeg's
     * {@code -analyzeduration}, default its own 5 s). With 5 s a push took 2.4–3.2 s to write its first
     * byte here, with 0.5 s about 1.1 s; but 0.5 s loses the video of a push that joins a stream in
     * its first second (the video stream appears only at the first keyframe, after probing ended).
     */
    @WithDefault("5s")
    Duration sourceAnalyzeDuration();

    /**
     * Whether the pushes of streams that are not live are started in advance, waiting at the edge
     * for their stream ({@code ArmedPushes}). The edge's ingest application must keep readers of a
     * stream that is not published waiting ({@code idle_streams on}). Off: a push starts when
     * publish-service hears that its stream started, and joins it at a later keyframe.
     */
    @WithDefault("true")
    boolean armPushes();

    /** At most this many pushes are armed at once by one instance (the most recently active streams first). */
    @WithDefault("100")
    int armedMax();

    /** The networks' APIs: base URLs (stubs in tests) and Fanout's OAuth clients at them. */
    Networks networks();

    /** Connecting partners' network accounts through the networks' consent pages (prefix {@code fanout.publish.connections}). */
    Connections connections();

    /** Settings of account connections. */
    interface Connections {

        /**
         * Where the networks send the partner's browser back: this service's
         * {@code /v1/connections/callback} as the world reaches it. Each network's client must list it
         * as an allowed redirect URI.
         */
        @WithDefault("http://localhost:8083/v1/connections/callback")
        String callbackUrl();

        /** How long a started connection waits for its callback (a network's code lives about 10 minutes). */
        @WithDefault("10m")
        Duration ttl();
    }

    /** Settings of the networks' APIs (prefix {@code fanout.publish.networks}). */
    interface Networks {

        @WithDefault("https://oauth2.googleapis.com")
        String youtubeOauthUrl();

        /** Google's consent page (its OAuth 2.0 authorization endpoint). */
        @WithDefault("https://accounts.google.com/o/oauth2/v2/auth")
        String youtubeConsentUrl();

        @WithDefault("https://www.googleapis.com")
        String youtubeApiUrl();

        /** Fanout's OAuth client at Google, which the partners' refresh tokens were issued to. */
        Optional<String> youtubeClientId();

        Optional<String> youtubeClientSecret();

        @WithDefault("https://graph.facebook.com")
        String facebookGraphUrl();

        /**
         * The Graph API version calls name (Meta retires each about two years after the next one;
         * developers.facebook.com/docs/graph-api/changelog/versions lists them).
         */
        @WithDefault("v26.0")
        @Pattern(regexp = "v[0-9]+\\.[0-9]+")
        String facebookApiVersion();

        /** Where Facebook Login's dialog is ({@code /{version}/dialog/oauth} below it). */
        @WithDefault("https://www.facebook.com")
        String facebookDialogUrl();

        /** Fanout's app at Meta, through which partners connect their pages (none: pages' tokens are pasted). */
        Optional<String> facebookAppId();

        Optional<String> facebookAppSecret();

        @WithDefault("https://api.x.com")
        String xApiUrl();

        /** X's consent page (its OAuth 2.0 authorize endpoint). */
        @WithDefault("https://x.com/i/oauth2/authorize")
        String xConsentUrl();

        /**
         * Fanout's OAuth 2.0 client at X: with it, partners give an X refresh token and pushes use
         * short-lived access tokens from it; without, partners give an access token (X's last two hours).
         */
        Optional<String> xClientId();

        /** The client's secret, for a confidential client (none: a public client). */
        Optional<String> xClientSecret();
    }

    /** Where pushes run: {@code local} (ffmpeg child processes) or {@code kubernetes} (a pod each). */
    @WithDefault("local")
    String runner();

    /** The pod runner's settings. */
    Kubernetes kubernetes();

    /** Settings of pushes as pods (prefix {@code fanout.publish.kubernetes}). */
    interface Kubernetes {

        /** The namespace of push pods; default: the client's (the service's own). */
        Optional<String> namespace();

        /** An image with ffmpeg on its path and the slate loop at {@link #slateFile()}. */
        @WithDefault("ghcr.io/fanout/push-ffmpeg:5.1")
        String image();

        @WithDefault("/slate/slate.mp4")
        String slateFile();
    }
}
