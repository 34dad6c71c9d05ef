package io.fanout.transcode.domain;

import io.fanout.contracts.transcode.Rung;

/**
 * One rung as a session's ladder produces it: the announced rung, whether it is the source passed
 * through, its H.264 profile and level, and the frame rate it plays at.
 */
public record PlannedRung(Rung rung, boolean passthrough, String profile, int level, double fps) {

    public String name() {
        return rung.name();
    }

    /** Peak bandwidth in bits per second: the video's ceiling plus audio (what the player must sustain). */
    public long peakBandwidth() {
        return Math.round((rung.videoBitrateKbps() * 1.1 + rung.audioBitrateKbps()) * 1000);
    }

    /** Average bandwidth in bits per second: the video's target plus audio. */
    public long averageBandwidth() {
        return (long) (rung.videoBitrateKbps() + rung.audioBitrateKbps()) * 1000;
    }
}
