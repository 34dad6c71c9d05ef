package io.fanout.transcode.runner;

import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.domain.PlannedRung;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one ffmpeg command line of a ladder: the source decoded once and scaled down rung by rung
 * ({@link #filters}), every rung (the passed-through source included) written by a tee both as HLS
 * (2 s segments, a rolling window that continues across restarts with a discontinuity) and as an
 * RTMP relay at the edge. Encoded rungs get their keyframes at the same instants, either where the
 * passed-through source has its own or every keyframe interval, and never on scene cuts.
 */
public record LadderCommand(String sourceUrl, String relayUrl, Path liveRoot, String preset,
        Duration keyframeInterval, int liveSegments, Duration ioTimeout) {

    public LadderCommand {
        if (liveRoot.toString().matches(".*[:|\\[\\]\\\\].*")) {
            throw new IllegalArgumentException("the media directory may not contain : | [ ] or \\: " + liveRoot);
        }
    }

    /**
     * ffmpeg's arguments (after the binary and its progress options) for {@code plan} of a session of
     * {@code streamId}. Segment names carry the session, so a segment's name never means other bytes.
     * With a {@code recording} directory, every rung is also written there as an event playlist that
     * keeps every segment (closed into a VOD when the session ends).
     */
    public List<String> arguments(String streamId, String sessionId, LadderPlan plan, Path recording) {
        // ffmpeg's own analysis stays at its default: the edge sends a new reader video only from the next
        // keyframe, and a shorter analysis (1.5 s) missed the video of 2 s-GOP sources; what it reads meanwhile is kept.
        List<String> args = new ArrayList<>(List.of("-rw_timeout", Long.toString(ioTimeout.toNanos() / 1000),
                "-i", sourceUrl + "/" + streamId));
        List<PlannedRung> encoded = plan.rungs().stream().filter(r -> !r.passthrough()).toList();
        if (!encoded.isEmpty()) {
            args.addAll(List.of("-filter_complex", filters(encoded)));
        }
        int scaled = 0;
        for (PlannedRung rung : plan.rungs()) {
            args.addAll(List.of("-map", rung.passthrough() ? "0:v:0" : "[v" + scaled++ + "]"));
            if (plan.audio()) {
                args.addAll(List.of("-map", "0:a:0"));
            }
            args.addAll(rung.passthrough() ? List.of("-c:v", "copy") : video(rung, plan));
            if (plan.audio()) {
                args.addAll(plan.copyAudio() ? List.of("-c:a", "copy")
                        : List.of("-c:a", "aac", "-b:a", rung.rung().audioBitrateKbps() + "k", "-ar", "48000"));
            }
            args.addAll(List.of("-flags", "+global_header", "-f", "tee", outputs(streamId, sessionId, rung, recording)));
        }
        return args;
    }

    /** The RTMP relay of one rung. */
    public String relay(String streamId, String rung) {
        return relayUrl + "/" + streamId + "_" + rung;
    }

    /**
     * The source decoded once and scaled down in steps, tallest rung first: each encoded rung is
     * scaled from the picture of the one above it (a 1080p source's 480p and 360p from its 720p),
     * which costs less than scaling every rung from the source (11 % less CPU for the whole 1080p
     * ladder by hand on 2 cores) and changes no timestamp, so the keyframes still line up.
     */
    private static String filters(List<PlannedRung> encoded) {
        StringBuilder graph = new StringBuilder("[0:v:0]");
        for (int i = 0; i < encoded.size(); i++) {
            PlannedRung rung = encoded.get(i);
            if (i > 0) {
                graph.append(";[c").append(i - 1).append(']');
            }
            graph.append("scale=").append(rung.rung().width()).append(':').append(rung.rung().height());
            if (i == 0) {
                graph.append(",format=yuv420p");
            }
            graph.append(i < encoded.size() - 1 ? ",split=2[v" + i + "][c" + i + "]" : "[v" + i + "]");
        }
        return graph.toString();
    }

    private List<String> video(PlannedRung rung, LadderPlan plan) {
        int kbps = rung.rung().videoBitrateKbps();
        String keyframes = plan.keyframesFromSource() ? "source"
                : "expr:gte(t,n_forced*" + keyframeInterval.toMillis() / 1000.0 + ")";
        // x264 places no keyframe of its own: no scene cuts, and its GOP limit far beyond the forced cadence.
        int gop = (int) Math.ceil(rung.fps() * keyframeInterval.toMillis() / 1000.0) * 10;
        return List.of("-c:v", "libx264", "-preset", preset, "-profile:v", rung.profile(),
                "-level:v", String.valueOf(rung.level() / 10.0), "-b:v", kbps + "k",
                "-maxrate", Math.round(kbps * 1.1) + "k", "-bufsize", 2 * kbps + "k",
                "-force_key_frames", keyframes, "-g", Integer.toString(gop), "-sc_threshold", "0",
                "-fpsmax", String.valueOf((int) LadderPlan.MAX_FPS));
    }

    private String outputs(String streamId, String sessionId, PlannedRung rung, Path recording) {
        String session = sessionId.replaceAll("[^A-Za-z0-9]", "");
        Path dir = liveRoot.resolve(streamId).resolve(rung.name());
        String hls = "[f=hls:hls_time=" + keyframeInterval.toSeconds() + ":hls_list_size=" + liveSegments
                + ":hls_flags=delete_segments+append_list+omit_endlist+independent_segments+program_date_time"
                + ":hls_segment_filename=" + dir.resolve(session.substring(0, Math.min(8, session.length())) + "-%d.ts") + "]" + dir.resolve("index.m3u8");
        String outputs = hls + "|[f=flv:onfail=ignore]" + relay(streamId, rung.name());
        if (recording == null) {
            return outputs;
        }
        Path kept = recording.resolve(rung.name());
        return outputs + "|[f=hls:onfail=ignore:hls_time=" + keyframeInterval.toSeconds()
                + ":hls_list_size=0:hls_playlist_type=event:hls_flags=append_list+omit_endlist+independent_segments"
                + ":hls_segment_filename=" + kept.resolve("%d.ts") + "]" + kept.resolve("index.m3u8");
    }
}
