package io.fanout.transcode.domain;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.transcode.Rung;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ladder a session gets, decided from the configured rungs, the stream's {@link LadderMode} and
 * what the source really carries (pure logic, tested with plain JUnit):
 * <ul>
 * <li>never upscaled: rungs taller than the source are dropped;</li>
 * <li>an H.264 source within the top rung's limits (no taller, at most 60 fps, a declared bitrate
 * no higher than the top rung's 60 fps one) is passed through as the top rung, and the encoded
 * rungs below it put their keyframes where the source has its own, so every rung's keyframes fall
 * on the same timestamps; otherwise every rung is encoded with a keyframe every
 * {@code keyframeSeconds};</li>
 * <li>AAC audio is copied into every rung (the same samples at the same timestamps), other audio
 * is encoded once per rung at {@code audioKbps}.</li>
 * </ul>
 * Rungs are listed highest first.
 */
public record LadderPlan(List<PlannedRung> rungs, boolean keyframesFromSource, boolean copyAudio, boolean audio) {

    public static final double MAX_FPS = 60;

    public LadderPlan {
        rungs = List.copyOf(rungs);
    }

    /** The plan for {@code source} under {@code mode}; empty for {@link LadderMode#NONE}. */
    public static LadderPlan of(LadderSetting mode, List<RungSpec> specs, SourceMedia source, int audioKbps) {
        if (source.width() <= 0 || source.height() <= 0) {
            throw new IllegalArgumentException("the source has no video picture size");
        }
        boolean copyAudio = source.audioIsAac();
        int audio = !source.hasAudio() ? 0 : copyAudio && source.audioKbps() > 0 ? source.audioKbps() : audioKbps;
        if (mode == LadderSetting.NONE) {
            return new LadderPlan(List.of(), false, copyAudio, source.hasAudio());
        }
        List<RungSpec> tallestFirst = specs.stream().sorted(Comparator.comparingInt(RungSpec::height).reversed()).toList();
        if (tallestFirst.isEmpty()) {
            throw new IllegalArgumentException("no rungs configured");
        }
        double fps = Math.min(source.fps() > 0 ? source.fps() : 30, MAX_FPS);
        List<PlannedRung> rungs = new ArrayList<>();
        boolean passthrough = fitsTop(source, tallestFirst.get(0));
        if (mode == LadderSetting.PASSTHROUGH_ONLY) {
            if (!source.isH264()) {
                throw new IllegalArgumentException("passthrough-only needs an H.264 source, not " + source.videoCodec());
            }
            passthrough = true;
        }
        if (passthrough) {
            // A source whose bitrate is not known yet is announced at the most a passed-through source may carry.
            int kbps = source.videoKbps() > 0 ? source.videoKbps() : tallestFirst.get(0).kbps60();
            rungs.add(new PlannedRung(new Rung(source.height() + "p", source.width(),
                    source.height(), kbps, audio), true, source.profile(), source.level(), source.fps()));
        }
        if (mode == LadderSetting.STANDARD) {
            for (RungSpec spec : tallestFirst) {
                boolean fits = passthrough ? spec.height() < source.height() : spec.height() <= source.height();
                if (fits) {
                    rungs.add(encoded(spec, spec.height(), source, fps, audio));
                }
            }
            if (rungs.isEmpty()) {
                // A source smaller than every rung is encoded once at its own size, with the lowest rung's settings.
                rungs.add(encoded(tallestFirst.get(tallestFirst.size() - 1), source.height(), source, fps, audio));
            }
        }
        return new LadderPlan(rungs, passthrough, copyAudio, source.hasAudio());
    }

    public boolean isEmpty() {
        return rungs.isEmpty();
    }

    public List<Rung> announced() {
        return rungs.stream().map(PlannedRung::rung).toList();
    }

    private static boolean fitsTop(SourceMedia source, RungSpec top) {
        return source.isH264() && source.height() <= top.height() && source.fps() <= MAX_FPS + 0.5
                && source.videoKbps() <= top.kbps60();
    }

    private static PlannedRung encoded(RungSpec spec, int height, SourceMedia source, double fps, int audio) {
        int evenHeight = height - height % 2;
        int width = (int) Math.round((double) source.width() * evenHeight / source.height() / 2) * 2;
        int kbps = spec.kbpsAt(fps);
        String name = evenHeight == spec.height() ? spec.name() : evenHeight + "p";
        return new PlannedRung(new Rung(name, width, evenHeight, kbps, audio), false,
                spec.profile(), H264.level(width, evenHeight, fps, (int) Math.round(kbps * 1.1)), fps);
    }
}
