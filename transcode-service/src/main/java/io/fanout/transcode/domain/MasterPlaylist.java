package io.fanout.transcode.domain;

import java.util.Locale;

/**
 * The HLS master playlist of a ladder (RFC 8216 section 4.3.4.2): one {@code EXT-X-STREAM-INF} per
 * rung, highest first, with its peak and average bandwidth, resolution, codecs and frame rate, so
 * a player picks a rung before downloading any. Each rung's media playlist is
 * {@code <rung>/index.m3u8} beside it.
 */
public final class MasterPlaylist {

    private static final String AAC_LC = "mp4a.40.2";

    private MasterPlaylist() {
    }

    public static String render(LadderPlan plan) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (PlannedRung rung : plan.rungs()) {
            String codecs = H264.codecs(rung.profile(), rung.level()) + (plan.audio() ? "," + AAC_LC : "");
            m3u8.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\",FRAME-RATE=%.3f%n",
                    rung.peakBandwidth(), rung.averageBandwidth(), rung.rung().width(), rung.rung().height(), codecs,
                    rung.fps()));
            m3u8.append(mediaPlaylist(rung.name())).append('\n');
        }
        return m3u8.toString();
    }

    /** Where a rung's media playlist is, relative to the master. */
    public static String mediaPlaylist(String rung) {
        return rung + "/index.m3u8";
    }
}
