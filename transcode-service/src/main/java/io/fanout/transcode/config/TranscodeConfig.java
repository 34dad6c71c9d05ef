package io.fanout.transcode.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of transcode-service (prefix {@code fanout.transcode}). */
@ConfigMapping(prefix = "fanout.transcode")
public interface TranscodeConfig {

    /** Where live streams are read: this URL + "/" + stream id (the edge's ingest application). */
    @WithDefault("rtmp://127.0.0.1:1935/live")
    String sourceUrl();

    /** Where renditions are published: this URL + "/" + stream id + "_" + rung (the edge's HLS application). */
    @WithDefault("rtmp://127.0.0.1:1935/hls")
    String outputUrl();

    /** Public base of the edge's HLS files: player URL = this + "/" + stream id + "_" + rung + ".m3u8". */
    @WithDefault("http://127.0.0.1:8080/hls")
    String playerBaseUrl();

    @WithDefault("ffmpeg")
    String ffmpeg();

    /** How long the source or output may stay silent before the encode gives up. */
    @WithDefault("10s")
    Duration ioTimeout();
}
