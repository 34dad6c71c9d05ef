package io.fanout.ingest.domain;

import io.fanout.contracts.stream.HealthWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sample of a live stream says about its ingest: codecs, picture, frame rate, bitrate and
 * keyframe interval, and the warnings a destination would care about. Computed from the tracks and
 * packets a probe read; plain arithmetic, no I/O.
 */
public record IngestHealth(String videoCodec, String audioCodec, int width, int height, double fps,
        long bitrateKbps, double keyframeIntervalSeconds, List<HealthWarning> warnings) {

    /** Keyframes further apart than this are flagged (Facebook's limit; Twitch wants 2 s). */
    public static final double MAX_KEYFRAME_INTERVAL_SECONDS = 4.0;
    /** A measured bitrate off the declared one by more than this fraction is flagged. */
    public static final double BITRATE_TOLERANCE = 0.5;

    /**
     * A track of the sample; {@code declaredBitrate} (bit/s) is what the encoder announced, or 0;
     * {@code frameRate} is the announced rate, used when the sample holds too little video to count.
     */
    public record Track(int index, String type, String codec, int width, int height, long declaredBitrate,
            double frameRate) {
    }

    /** A packet of the sample. */
    public record Packet(int trackIndex, double seconds, long size, boolean keyframe) {
    }

    /** The health of a sample; empty tracks or packets measure nothing (zeros, and no warnings but NO_VIDEO and NO_AUDIO). */
    public static IngestHealth measure(List<Track> tracks, List<Packet> packets) {
        Track video = tracks.stream().filter(t -> "video".equals(t.type())).findFirst().orElse(null);
        Track audio = tracks.stream().filter(t -> "audio".equals(t.type())).findFirst().orElse(null);
        List<Double> videoTimes = new ArrayList<>();
        List<Double> keyframes = new ArrayList<>();
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        long bytes = 0;
        for (Packet p : packets) {
            bytes += p.size();
            first = Math.min(first, p.seconds());
            last = Math.max(last, p.seconds());
            if (video != null && p.trackIndex() == video.index()) {
                videoTimes.add(p.seconds());
                if (p.keyframe()) {
                    keyframes.add(p.seconds());
                }
            }
        }
        double span = packets.isEmpty() ? 0 : last - first;
        double fps = videoTimes.size() > 1 ? (videoTimes.size() - 1) / spanOf(videoTimes)
                : video == null ? 0 : video.frameRate();
        long kbps = span > 0 ? Math.round(bytes * 8 / span / 1000) : 0;
        double keyframeInterval = keyframes.size() > 1 ? spanOf(keyframes) / (keyframes.size() - 1)
                : video == null || packets.isEmpty() ? 0 : lowerBound(keyframes, first, last);

        List<HealthWarning> warnings = new ArrayList<>();
        if (keyframeInterval > MAX_KEYFRAME_INTERVAL_SECONDS) {
            warnings.add(HealthWarning.KEYFRAME_INTERVAL_TOO_LONG);
        }
        long declared = tracks.stream().mapToLong(Track::declaredBitrate).sum() / 1000;
        if (declared > 0 && kbps > 0 && Math.abs(kbps - declared) > declared * BITRATE_TOLERANCE) {
            warnings.add(HealthWarning.BITRATE_OFF_DECLARED);
        }
        if (video == null) {
            warnings.add(HealthWarning.NO_VIDEO);
        }
        if (audio == null) {
            warnings.add(HealthWarning.NO_AUDIO);
        }
        return new IngestHealth(video == null ? null : video.codec(), audio == null ? null : audio.codec(),
                video == null ? 0 : video.width(), video == null ? 0 : video.height(), round(fps), kbps,
                round(keyframeInterval), List.copyOf(warnings));
    }

    /**
     * With fewer than two keyframes in the sample the interval is not seen, only bounded: with none
     * it is longer than the sample; with one it is at least that keyframe's distance to the farther
     * end of the sample. (The edge starts a new reader's video at a keyframe, so a reader sees audio
     * from the start but video only from the first keyframe: the sample's ends are taken over all
     * packets.)
     */
    private static double lowerBound(List<Double> keyframes, double first, double last) {
        if (keyframes.isEmpty()) {
            return last - first;
        }
        double keyframe = keyframes.get(0);
        return Math.max(keyframe - first, last - keyframe);
    }

    private static double spanOf(List<Double> times) {
        double min = times.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = times.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return max - min;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
