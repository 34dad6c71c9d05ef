package io.fanout.transcode.config;

import io.fanout.contracts.stream.LadderSetting;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of transcode-service (prefix {@code fanout.transcode}); the default ladder is in application.properties. */
@ConfigMapping(prefix = "fanout.transcode")
public interface TranscodeConfig {

    /** Where live streams are read: this URL + "/" + stream id (the edge's ingest application). */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String sourceUrl();

    /**
     * The edge's nginx-rtmp statistics ({@code http://<edge>/stat}): the source's codecs and picture
     * size at once. Unset: ffprobe reads the source (a keyframe interval or more later).
     */
    Optional<String> edgeStatUrl();

    /** Where each rung is relayed over RTMP: this URL + "/" + stream id + "_" + rung (an edge application). */
    @WithDefault("rtmp://127.0.0.1:1935/renditions")
    String relayUrl();

    /** This service's public base URL: HLS under {@code /hls/<streamId>/}, player pages under {@code /watch/<streamId>}. */
    @WithDefault("http://127.0.0.1:8082")
    String publicUrl();

    /** Where ladders write their HLS (and recordings): a directory this service serves. */
    Path mediaDirectory();

    @WithDefault("ffmpeg")
    String ffmpeg();

    @WithDefault("ffprobe")
    String ffprobe();

    /** How long the source or output may stay silent before the encode (or the probe) gives up. */
    @WithDefault("10s")
    Duration ioTimeout();

    /** Where ladders run: {@code local} (child processes, the default) or {@code kubernetes} (pods). */
    @WithDefault("local")
    String runner();

    Kubernetes kubernetes();

    LadderSettings ladder();

    Restart restart();

    Recordings recordings();

    /** Settings of ladders as pods (prefix {@code fanout.transcode.kubernetes}). */
    interface Kubernetes {
        /** The namespace of ladder pods; default: the client's (the service's own). */
        Optional<String> namespace();

        /** An image with ffmpeg (built with libx264) on its path. */
        @WithDefault("ghcr.io/fanout/ladder-ffmpeg:5.1")
        String image();

        /**
         * The ReadWriteMany claim that holds the media directory: mounted by every ladder pod at the
         * same path as in the service, which serves what the pods write.
         */
        @WithDefault("transcode-media")
        String mediaClaim();
    }

    /** Sessions of streams with recording on are kept as VOD. */
    interface Recordings {
        /** A recording is deleted this long after its session ended. */
        @WithDefault("30d")
        Duration retention();
    }

    /** The ladder every stream gets unless its own setting says otherwise. */
    interface LadderSettings {
        /** For streams whose events carry no setting: {@code STANDARD}, {@code PASSTHROUGH_ONLY} or {@code NONE}. */
        @WithDefault("STANDARD")
        LadderSetting mode();

        /** One keyframe per interval in every encoded rung; HLS segments are this long. */
        @WithDefault("2s")
        Duration keyframeInterval();

        /** Segments in a live media playlist (the rolling window). */
        @WithDefault("6")
        int liveSegments();

        /** x264 preset of every encoded rung. */
        @WithDefault("superfast")
        String preset();

        /** AAC bitrate when the source's audio is not AAC and has to be encoded. */
        @WithDefault("128")
        int audioKbps();

        /** The rungs by name. */
        Map<String, RungSettings> rungs();
    }

    /** One rung: height, video bitrates up to 30 fps and above, H.264 profile. */
    interface RungSettings {
        int height();

        int kbps30();

        int kbps60();

        @WithDefault("high")
        String profile();
    }

    /** How a ladder that dies on its own while its stream is live is restarted. */
    interface Restart {
        /** Restarts in a row before {@code ladder.failed}. */
        @WithDefault("5")
        int attempts();

        @WithDefault("1s")
        Duration firstDelay();

        @WithDefault("15s")
        Duration maxDelay();

        /** A ladder that ran this long counts as healthy again: its next death starts a fresh series. */
        @WithDefault("60s")
        Duration healthyAfter();
    }
}
