package io.fanout.transcode.domain;

/**
 * What one ladder needs to keep up with realtime, as a Kubernetes pod requests it: CPU and memory
 * grow with the pixels per second it decodes (the source) and encodes (every rung that is not passed
 * through). The factors come from this service's benchmark on a 2-core machine: a 720p30 ladder
 * (720p, 480p, 360p encoded, 75 megapixels per second in all) used 0.52 cores and 145 MiB, a
 * 1080p30 one (source passed through, 720p, 480p, 360p encoded, 109 megapixels per second) 1.18
 * cores. Requests err on the side of enough: a ladder that gets less CPU than it needs falls
 * behind its viewers. No CPU limit is set (a throttled live encode falls behind too); the memory
 * limit is twice the request.
 */
public record LadderResources(int cpuMillicores, int memoryMebibytes) {

    /** Millicores per megapixel per second decoded or encoded. */
    static final double MILLICORES_PER_MEGAPIXEL = 11;
    static final int BASE_MEBIBYTES = 80;
    static final double MEBIBYTES_PER_MEGAPIXEL = 1;
    static final int MIN_MILLICORES = 250;

    public static LadderResources of(SourceMedia source, LadderPlan plan) {
        double fps = source.fps() > 0 ? Math.min(source.fps(), LadderPlan.MAX_FPS) : 30;
        double megapixels = (double) source.width() * source.height() * fps / 1e6;
        for (PlannedRung rung : plan.rungs()) {
            if (!rung.passthrough()) {
                megapixels += (double) rung.rung().width() * rung.rung().height() * rung.fps() / 1e6;
            }
        }
        int millicores = (int) Math.ceil(megapixels * MILLICORES_PER_MEGAPIXEL / 50) * 50;
        return new LadderResources(Math.max(MIN_MILLICORES, millicores),
                BASE_MEBIBYTES + (int) Math.ceil(megapixels * MEBIBYTES_PER_MEGAPIXEL));
    }

    public String cpu() {
        return cpuMillicores + "m";
    }

    public String memoryRequest() {
        return memoryMebibytes + "Mi";
    }

    public String memoryLimit() {
        return 2 * memoryMebibytes + "Mi";
    }
}
