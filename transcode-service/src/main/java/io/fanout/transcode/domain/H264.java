package io.fanout.transcode.domain;

import java.util.List;
import java.util.Locale;

/**
 * What a player needs to know about an H.264 rung before it downloads it: the smallest level that
 * holds the picture size, frame rate and bitrate (ITU-T H.264 Annex A, table A-1), and the RFC 6381
 * {@code avc1.PPCCLL} codec string of the master playlist's {@code CODECS}.
 */
public final class H264 {

    /** The profiles a rung may be encoded in (x264's names). */
    public static final List<String> PROFILES = List.of("baseline", "main", "high");

    // level, max macroblocks per second, max frame size in macroblocks, max video bitrate (kb/s, Main)
    private static final int[][] LEVELS = {
        {30, 40_500, 1_620, 10_000}, {31, 108_000, 3_600, 14_000}, {32, 216_000, 5_120, 20_000},
        {40, 245_760, 8_192, 20_000}, {41, 245_760, 8_192, 50_000}, {42, 522_240, 8_704, 50_000},
        {50, 589_824, 22_080, 135_000}, {51, 983_040, 36_864, 240_000}, {52, 2_073_600, 36_864, 240_000},
    };

    private H264() {
    }

    /** The smallest level (as {@code 31} for 3.1) that holds {@code width}x{@code height} at {@code fps} and {@code kbps}. */
    public static int level(int width, int height, double fps, int kbps) {
        long frameMacroblocks = (long) ((width + 15) / 16) * ((height + 15) / 16);
        long perSecond = (long) Math.ceil(frameMacroblocks * fps);
        for (int[] level : LEVELS) {
            if (frameMacroblocks <= level[2] && perSecond <= level[1] && kbps <= level[3]) {
                return level[0];
            }
        }
        return 52;
    }

    /** {@code avc1.PPCCLL} for a profile (x264's or ffprobe's name) and a level ({@code 40}). */
    public static String codecs(String profile, int level) {
        String p = profile == null ? "high" : profile.toLowerCase(Locale.ROOT);
        String profileAndConstraints = switch (p) {
            case "baseline", "constrained baseline" -> "42e0";
            case "main" -> "4d40";
            default -> "6400";
        };
        return "avc1." + profileAndConstraints + String.format(Locale.ROOT, "%02x", level);
    }
}
