package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.PartnerApi.ApiException;
import io.fanout.platform.Ports;
import io.fanout.testkit.FfmpegWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The capacity of one machine: the most streams live at once, each a 640x360 encoder at 1 Mb/s,
 * simulcast to two destinations, with no frame lost. Fanout runs as {@code ./fanout up} runs it
 * (every service, so each stream also gets its ladder, as it does for a partner). At each count of
 * streams, in one run:
 * <ul>
 * <li>Fanout: that many encoders go live on the platform's edge; publish-service pushes each stream
 * to its two destinations, transcode-service encodes its ladder;</li>
 * <li>the baseline: as many encoders publish to a bare nginx-rtmp whose static {@code push} relays
 * each to two destinations (no ladder, no services: what the machine's media path alone does).</li>
 * </ul>
 * A count is sustained when, over the window, no frame was dropped for any reader of any stream (the
 * pushes and the ladders: nginx-rtmp drops frames for a reader that falls behind), every destination
 * received at least 97 % of its stream's bytes and kept its publisher throughout, and every stream
 * had its ladder. The ramp stops after the first count Fanout does not sustain. Results replace the
 * capacity section of platform/README.md. Run with {@code ./fanout bench capacity}.
 */
public final class CapacityBenchmark {

    /** The counts of streams measured; {@code -Dfanout.bench.steps=1,2} for a short run. */
    private static final List<Integer> STEPS = BenchMedia.steps("1,16,32,48,64,72,80,88,96,112,128");
    private static final List<String> DESTINATIONS = List.of("a", "b");
    private static final List<String> BASELINE_DESTINATIONS = List.of("c", "d");
    private static final int CLIP_SECONDS = 30;
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final double DELIVERED = 0.97;

    /**
     * One side at one count of streams, over the window. {@code interrupted}: destinations that lost
     * their publisher during the window, or never got one ({@code measured} false: the step never got
     * every destination and ladder on air within the patience, so there was no window).
     */
    record Phase(int streams, long droppedFrames, double worstDelivered, int interrupted, int ladders,
            double machineBusy, double edgeCpu, boolean measured) {

        static Phase neverOnAir(int streams, int withoutPublisher, int ladders) {
            return new Phase(streams, 0, 0, withoutPublisher, ladders, 0, 0, false);
        }

        boolean sustained(boolean withLadders) {
            return measured && droppedFrames == 0 && interrupted == 0 && worstDelivered >= DELIVERED
                    && (!withLadders || ladders == streams);
        }
    }

    private CapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path runDir = BenchMedia.runDirectory(root);
        BenchMedia.Clip encoded = BenchMedia.encodeClip(runDir, 640, 360, 1000, CLIP_SECONDS);
        Path clip = encoded.file();
        double clipKbps = encoded.kbps();
        int most = STEPS.get(STEPS.size() - 1);
        Edge.Builder sinkBuilder = Edge.builder();
        DESTINATIONS.forEach(sinkBuilder::application);
        BASELINE_DESTINATIONS.forEach(sinkBuilder::application);
        Edge sink = sinkBuilder.start();
        Edge relay = Edge.builder().pushingApplication("relay", BASELINE_DESTINATIONS.stream().map(sink::rtmpUrl)
                .toList()).start();
        say("starting the whole platform as ./fanout up does");
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), CapacityBenchmark::say)) {
            PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Capacity"));
            say("creating " + most + " streams, each with " + DESTINATIONS.size() + " destinations");
            List<Map<String, Object>> streams = new ArrayList<>();
            for (int i = 1; i <= most; i++) {
                int number = i;
                Map<String, Object> stream = withinRateLimit(() -> partner.createStream("Court " + number, 0));
                for (String destination : DESTINATIONS) {
                    String destinationId = withinRateLimit(() -> partner.createDestination(destination + number, "rtmp",
                            sink.rtmpUrl(destination), "s" + number));
                    partner.addTarget((String) stream.get("id"), destinationId, BenchMedia.PATIENCE);
                }
                streams.add(stream);
            }
            List<Phase[]> rows = new ArrayList<>();
            for (int count : STEPS) {
                Phase ours = fanout(platform, streams.subList(0, count), sink, clip, runDir);
                Phase base = baseline(relay, sink, clip, count, runDir);
                say(String.format(Locale.ROOT, "%d streams: Fanout %s; nginx push %s", count, verdict(ours, true),
                        verdict(base, false)));
                rows.add(new Phase[] {ours, base});
                if (!ours.sustained(true)) {
                    break;
                }
            }
            ReadmeSection.publish(root.resolve("platform/README.md"), "capacity-benchmark", "Benchmark: capacity",
                    report(rows, clipKbps));
        } finally {
            relay.stop();
            sink.stop();
        }
    }

    /** Takes {@code streams} live on the platform, measures, and takes them off air again. */
    private static Phase fanout(LocalPlatform platform, List<Map<String, Object>> streams,
            Edge sink, Path clip, Path runDir) throws Exception {
        int count = streams.size();
        say("Fanout: " + count + " streams live");
        List<String> ids = streams.stream().map(stream -> (String) stream.get("id")).toList();
        List<String> sources = ids.stream().map(id -> Edge.INGEST_APP + "/" + id).toList();
        List<String> destinations = paths(DESTINATIONS, count);
        List<Process> encoders = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                encoders.add(BenchMedia.publish(clip, (String) streams.get(i).get("publishUrl"),
                        runDir.resolve("encoder-" + (i + 1) + ".log")));
            }
            boolean onAir = BenchMedia.publishingWithin(sink, destinations)
                    && BenchMedia.within(() -> FfmpegWatch.laddersRunning(ids).size() == count);
            Phase phase = onAir ? measure(count, platform.edge(), sources, sink, destinations,
                    () -> FfmpegWatch.laddersRunning(ids).size())
                    : Phase.neverOnAir(count, BenchMedia.withoutPublisher(sink, destinations),
                            FfmpegWatch.laddersRunning(ids).size());
            BenchMedia.stop(encoders);
            BenchMedia.awaitPublishing(platform.edge(), sources, false);
            BenchMedia.awaitPublishing(sink, destinations, false);
            await("no ladder left").atMost(BenchMedia.PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> FfmpegWatch.laddersRunning(ids).isEmpty());
            return phase;
        } finally {
            encoders.forEach(Process::destroyForcibly);
        }
    }

    /** Publishes {@code count} streams to the relay, whose static push sends each to two destinations; measures; stops. */
    private static Phase baseline(Edge relay, Edge sink, Path clip, int count, Path runDir) throws Exception {
        say("nginx push: " + count + " streams");
        List<String> sources = IntStream.rangeClosed(1, count).mapToObj(i -> "relay/s" + i).toList();
        List<String> destinations = paths(BASELINE_DESTINATIONS, count);
        List<Process> publishers = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                publishers.add(BenchMedia.publish(clip, relay.rtmpUrl("relay", "s" + i),
                        runDir.resolve("baseline-" + count + "-" + i + ".log")));
            }
            Phase phase = BenchMedia.publishingWithin(sink, destinations)
                    ? measure(count, relay, sources, sink, destinations, () -> 0)
                    : Phase.neverOnAir(count, BenchMedia.withoutPublisher(sink, destinations), 0);
            BenchMedia.stop(publishers);
            BenchMedia.awaitPublishing(sink, destinations, false);
            return phase;
        } finally {
            publishers.forEach(Process::destroyForcibly);
        }
    }

    /**
     * A call of the partner's API, made again while it is refused for going over the partner's rate
     * limit (the set-up makes a few hundred calls as fast as they answer).
     */
    private static <T> T withinRateLimit(Supplier<T> call) {
        AtomicReference<T> answer = new AtomicReference<>();
        await("a call within the rate limit").atMost(BenchMedia.PATIENCE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsMatching(e -> e instanceof ApiException refused && refused.status() == 429)
                .until(() -> {
                    answer.set(call.get());
                    return true;
                });
        return answer.get();
    }

    /** {@code application/s<i>} for every application and stream number up to {@code count}. */
    private static List<String> paths(List<String> applications, int count) {
        return IntStream.rangeClosed(1, count).boxed()
                .flatMap(i -> applications.stream().map(application -> application + "/s" + i)).toList();
    }

    private static Phase measure(int count, Edge source, List<String> sources, Edge sink, List<String> destinations,
            IntSupplier ladders) {
        BenchMedia.awaitFlowing(sink, destinations);
        long[] machineBefore = ProcFs.machineTicks();
        long edgeBefore = ProcFs.cpuTicks(source.pid()).orElse(0);
        long started = System.nanoTime();
        EdgeStat sourceBefore = EdgeStat.parse(source.stat());
        EdgeStat sinkBefore = EdgeStat.parse(sink.stat());
        int interrupted = BenchMedia.lostDuring(sink, destinations, WINDOW).size();
        EdgeStat sourceAfter = EdgeStat.parse(source.stat());
        EdgeStat sinkAfter = EdgeStat.parse(sink.stat());
        long[] machineAfter = ProcFs.machineTicks();
        double edgeCpu = BenchMedia.percentOfCore(ProcFs.cpuTicks(source.pid()).orElse(0) - edgeBefore,
                (System.nanoTime() - started) / 1e9);
        int ladderCount = ladders.getAsInt();
        long dropped = 0;
        double worst = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            String path = sources.get(i);
            dropped += Math.max(0, sourceAfter.stream(path).droppedFrames() - sourceBefore.stream(path).droppedFrames());
            long sourceBytes = sourceAfter.stream(path).bytesIn() - sourceBefore.stream(path).bytesIn();
            for (String destination : destinations.subList(i * 2, i * 2 + 2)) {
                long received = sinkAfter.stream(destination).bytesIn() - sinkBefore.stream(destination).bytesIn();
                worst = Math.min(worst, sourceBytes == 0 ? 0 : received / (double) sourceBytes);
            }
        }
        return new Phase(count, dropped, worst, interrupted, ladderCount,
                BenchMedia.machineBusy(machineBefore, machineAfter), edgeCpu, true);
    }

    private static String verdict(Phase phase, boolean withLadders) {
        if (!phase.measured()) {
            return String.format(Locale.ROOT, "never all on air within %d s: %d of %d destinations without a publisher, "
                    + "%d ladders of %d", BenchMedia.PATIENCE.toSeconds(), phase.interrupted(),
                    phase.streams() * DESTINATIONS.size(), phase.ladders(), phase.streams());
        }
        return phase.sustained(withLadders) ? "every frame delivered" : String.format(Locale.ROOT,
                "lost media: %d frames dropped, worst destination got %.1f %%, %d destinations interrupted%s",
                phase.droppedFrames(), 100 * phase.worstDelivered(), phase.interrupted(),
                withLadders ? ", " + phase.ladders() + " ladders of " + phase.streams() : "");
    }

    private static String report(List<Phase[]> rows, double clipKbps) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                Capacity (`./fanout bench capacity`, %s, on %s): N streams live at once, each a 640x360 30 fps
                encoder at %.0f kb/s (H.264 at a constant 1 Mb/s + AAC, a clip published with `-c copy`, so the
                encoders cost next to nothing here, as they run on the partners' machines), each simulcast to two
                destinations on a local nginx-rtmp. Fanout runs as `./fanout up` runs it: every service, so each
                stream also has its ladder. The baseline, in the same run after each step of Fanout's, is the same
                N streams on a bare nginx-rtmp relaying each to two destinations with its static `push` (no ladder,
                no services). At each N, %d s measured once media flowed to every destination. A step is sustained
                when no frame was dropped for any reader (nginx-rtmp drops frames for a push or ladder that falls
                behind), the worst destination received at least %.0f %% of its stream's bytes and no destination
                lost its publisher; for Fanout also every stream had its ladder. A step that did not have every
                destination (and ladder) on air within %d s of its encoders' start is not sustained and has no window.
                "Edge CPU" is the one nginx process that carries every stream (nginx-rtmp keeps a stream in one
                worker's memory, so the edge is one process and cannot use a second core); "machine busy" is the
                whole machine. Both in %% of one core (the machine has %d).

                | N streams | Fanout: pushes | ladders | frames dropped | worst delivered | without a publisher | edge CPU | machine busy | nginx push: frames dropped | worst delivered | nginx CPU | machine busy |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """, LocalDate.now(), Machine.describe(), clipKbps, WINDOW.toSeconds(), DELIVERED * 100,
                BenchMedia.PATIENCE.toSeconds(), Runtime.getRuntime().availableProcessors()));
        int sustained = 0;
        int baselineSustained = 0;
        for (Phase[] row : rows) {
            Phase ours = row[0];
            Phase base = row[1];
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %s |%n", ours.streams(),
                    ours.streams() * DESTINATIONS.size(), ours.ladders(), cells(ours, true), cells(base, false)));
            // The ramp stops at Fanout's first loss, so every earlier step was sustained.
            sustained = ours.sustained(true) ? ours.streams() : sustained;
            baselineSustained = base.sustained(false) ? Math.max(baselineSustained, base.streams()) : baselineSustained;
        }
        Phase last = rows.get(rows.size() - 1)[0];
        String lost = last.measured() ? "lost media at " + last.streams()
                : String.format(Locale.ROOT, "at %d never had everything on air within %d s (%d of %d destinations without "
                        + "a publisher, %d ladders of %d)", last.streams(), BenchMedia.PATIENCE.toSeconds(),
                        last.interrupted(), last.streams() * DESTINATIONS.size(), last.ladders(), last.streams());
        out.append('\n').append(last.sustained(true)
                ? String.format(Locale.ROOT, "Fanout kept every step live without losing a frame, up to the largest, %d "
                        + "streams (%d pushes, %d ladders); the bare nginx push up to %d.", sustained,
                        sustained * DESTINATIONS.size(), sustained, baselineSustained)
                : String.format(Locale.ROOT, "Fanout kept %d streams live (%d pushes, %d ladders) without losing a frame "
                        + "and %s; the bare nginx push sustained up to %d of the steps measured.", sustained,
                        sustained * DESTINATIONS.size(), sustained, lost, baselineSustained));
        return out.toString();
    }

    /**
     * A side's cells: frames dropped, worst delivered, destinations without a publisher (Fanout's
     * table only), the CPU of its edge (or relay) and machine busy; a step that never got on air has
     * only the destinations without one.
     */
    private static String cells(Phase phase, boolean withPublisherColumn) {
        List<String> cells = new ArrayList<>(phase.measured()
                ? List.of(Long.toString(phase.droppedFrames()),
                        String.format(Locale.ROOT, "%.1f %%", 100 * phase.worstDelivered()),
                        Integer.toString(phase.interrupted()), String.format(Locale.ROOT, "%.0f %%", phase.edgeCpu()),
                        String.format(Locale.ROOT, "%.0f %%", phase.machineBusy()))
                : List.of("—", "—", phase.interrupted() + " never on air", "—", "—"));
        if (!withPublisherColumn) {
            cells.remove(2);
        }
        return String.join(" | ", cells);
    }

    private static void say(String step) {
        Console.step(step);
    }
}
