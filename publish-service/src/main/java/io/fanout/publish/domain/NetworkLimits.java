package io.fanout.publish.domain;

import io.fanout.contracts.push.Network;
import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PreflightViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each network documents about the streams it accepts, as far as Fanout can check it:
 * the longest keyframe interval (Twitch 2 s; YouTube and Facebook 4 s), RTMPS only (Facebook), how
 * long a broadcast may last (Facebook 8 h, Twitch 48 h) and the tallest picture (Facebook and
 * Twitch 1080 lines; YouTube takes up to 2160, more than an RTMP encoder sends). X and plain RTMP
 * endpoints document no limit checked here. {@code null} means no limit.
 */
public record NetworkLimits(Double maxKeyframeSeconds, boolean rtmpsOnly, Duration maxDuration, Integer maxVideoHeight) {

    public static NetworkLimits of(Network network) {
        return switch (network) {
            case TWITCH -> new NetworkLimits(2.0, false, Duration.ofHours(48), 1080);
            case YOUTUBE -> new NetworkLimits(4.0, false, null, null);
            case FACEBOOK -> new NetworkLimits(4.0, true, Duration.ofHours(8), 1080);
            default -> new NetworkLimits(null, false, null, null);
        };
    }

    /**
     * The most lines a destination on this network takes: the lower of the network's limit and the
     * destination's own ({@code destinationMax}, null: none); null when neither has one.
     */
    public Integer pictureLimit(Integer destinationMax) {
        if (maxVideoHeight == null || destinationMax == null) {
            return maxVideoHeight != null ? maxVideoHeight : destinationMax;
        }
        return Math.min(maxVideoHeight, destinationMax);
    }

    /**
     * The limits a push to {@code ingestUrl} breaks, given the stream's measured keyframe interval
     * (null: not measured yet) and how long its session has been live.
     */
    public List<PreflightViolation> check(Network network, String ingestUrl, Double keyframeSeconds, Duration liveFor) {
        String name = network.name().toLowerCase(Locale.ROOT);
        List<PreflightViolation> violations = new ArrayList<>();
        if (maxKeyframeSeconds != null && keyframeSeconds != null && keyframeSeconds > maxKeyframeSeconds + 0.05) {
            violations.add(new PreflightViolation(PreflightCheck.KEYFRAME_INTERVAL, String.format(Locale.ROOT,
                    "keyframes every %.1f s; %s accepts at most %.1f s", keyframeSeconds, name, maxKeyframeSeconds)));
        }
        if (rtmpsOnly && ingestUrl != null && !ingestUrl.toLowerCase(Locale.ROOT).startsWith("rtmps://")) {
            violations.add(new PreflightViolation(PreflightCheck.RTMPS_REQUIRED, name + " accepts RTMPS only"));
        }
        if (maxDuration != null && liveFor != null && liveFor.compareTo(maxDuration) > 0) {
            violations.add(new PreflightViolation(PreflightCheck.DURATION_CAP, String.format(Locale.ROOT,
                    "live for %d h %02d min; %s ends broadcasts after %d h", liveFor.toHours(), liveFor.toMinutesPart(),
                    name, maxDuration.toHours())));
        }
        return violations;
    }
}
