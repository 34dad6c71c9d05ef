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
 * the longest keyframe interval (Twitch 2 s; YouTube and Facebook 4 s), RTMPS only (Facebook), and
 * how long a broadcast may last (Facebook 8 h, Twitch 48 h). X and plain RTMP endpoints document no
 * limit checked here. {@code null} means no limit.
 */
public record NetworkLimits(Double maxKeyframeSeconds, boolean rtmpsOnly, Duration maxDuration) {

    public static NetworkLimits of(Network network) {
        return switch (network) {
            case TWITCH -> new NetworkLimits(2.0, false, Duration.ofHours(48));
            case YOUTUBE -> new NetworkLimits(4.0, false, null);
            case FACEBOOK -> new NetworkLimits(4.0, true, Duration.ofHours(8));
            default -> new NetworkLimits(null, false, null);
        };
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
