package io.fanout.transcode.service;

import io.fanout.servicekit.media.FfmpegProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What operators watch about ladders: how many run, and per running ladder (label {@code stream_id},
 * removed when it stops) its encoding speed (x realtime: below 1 the ladder falls behind live) and
 * frame rate, frames dropped and duplicated, CPU seconds and seconds of media encoded; restarts and
 * failures as counters.
 * Every rung of a ladder comes out of the same split at the same rate, so the frame rate is per ladder.
 */
@ApplicationScoped
public class LadderMetrics {

    private final MeterRegistry registry;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Counter restarts;
    private final Counter failures;

    public LadderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.restarts = Counter.builder("fanout_transcode_ladder_restarts_total")
                .description("Ladder processes restarted after they died").register(registry);
        this.failures = Counter.builder("fanout_transcode_ladder_failures_total")
                .description("Ladders given up (ladder.failed)").register(registry);
    }

    /** The number of running ladders comes from their owner. */
    void countRunning(Supplier<Number> running) {
        Gauge.builder("fanout_transcode_ladders_running", running).description("Ladders whose ffmpeg runs")
                .register(registry);
    }

    void progress(String streamId, FfmpegProgress.Snapshot snapshot, double cpuSeconds) {
        Sample sample = samples.computeIfAbsent(streamId, this::register);
        sample.speed = snapshot.speed();
        sample.fps = snapshot.fps();
        sample.dropped = snapshot.droppedFrames();
        sample.duplicated = snapshot.duplicatedFrames();
        sample.cpuSeconds = cpuSeconds;
        sample.mediaSeconds = snapshot.outTimeMicros() / 1e6;
    }

    /** The stream's ladder is over: its per-stream series go away. */
    void forget(String streamId) {
        Sample sample = samples.remove(streamId);
        if (sample != null) {
            sample.meters.forEach(registry::remove);
        }
    }

    void restarted() {
        restarts.increment();
    }

    void failed() {
        failures.increment();
    }

    private Sample register(String streamId) {
        Sample sample = new Sample();
        Tags tags = Tags.of("stream_id", streamId);
        sample.meters = List.of(
                Gauge.builder("fanout_transcode_speed", sample, s -> s.speed).tags(tags)
                        .description("Encoding speed of the ladder, x realtime").register(registry).getId(),
                Gauge.builder("fanout_transcode_fps", sample, s -> s.fps).tags(tags)
                        .description("Frames per second the ladder encodes (every rung)").register(registry).getId(),
                Gauge.builder("fanout_transcode_dropped_frames", sample, s -> s.dropped).tags(tags)
                        .description("Frames the ladder dropped in its current run").register(registry).getId(),
                Gauge.builder("fanout_transcode_duplicated_frames", sample, s -> s.duplicated).tags(tags)
                        .description("Frames the ladder duplicated in its current run").register(registry).getId(),
                Gauge.builder("fanout_transcode_cpu_seconds", sample, s -> s.cpuSeconds).tags(tags)
                        .description("CPU seconds of the ladder's current process").register(registry).getId(),
                Gauge.builder("fanout_transcode_media_seconds", sample, s -> s.mediaSeconds).tags(tags)
                        .description("Seconds of media the ladder's current process has encoded").register(registry)
                        .getId());
        return sample;
    }

    private static final class Sample {
        volatile double speed;
        volatile double fps;
        volatile double dropped;
        volatile double duplicated;
        volatile double cpuSeconds;
        volatile double mediaSeconds;
        List<Meter.Id> meters;
    }
}
