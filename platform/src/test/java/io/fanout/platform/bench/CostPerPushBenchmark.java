package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import io.fanout.platform.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What a push costs: one 1280x720 stream at 3 Mb/s simulcast to more and more destinations (10 to
 * 140), and at each count the CPU time and memory of the pushes, and whether every
 * destination got every frame. Side by side at each count, in one run:
 * <ul>
 * <li>Fanout: targets enabled through the API, publish-service runs one {@code ffmpeg -c copy} per
 * push reading the platform's edge (its real command line, supervision and progress parsing);</li>
 * <li>the baseline: nginx-rtmp's static {@code push} directive relaying the same stream from one
 * nginx process.</li>
 * </ul>
 * The stream is a clip encoded once at a constant 3 Mb/s and published with {@code -c copy}, so the
 * encoder costs next to nothing. The whole platform runs, as {@code ./fanout up} runs it, the stream
 * with its default ladder, during both sides. Frame loss is read from nginx-rtmp's statistics: the frames the
 * source edge dropped for readers that fell behind, and the bytes each destination received against
 * the bytes the source received in the same window. The ramp stops after the first count Fanout does
 * not sustain. Results replace the cost-per-push section of publish-service/README.md. Run with
 * {@code ./fanout bench cost-per-push}.
 */
public final class CostPerPushBenchmark {

    /** The counts of pushes measured; {@code -Dfanout.bench.steps=10,20} for a short run. */
    private static final List<Integer> STEPS = BenchMedia.steps("10,20,40,60,80,100,120,140");
    private static final int CLIP_SECONDS = 30;
    private static final Duration PATIENCE = BenchMedia.PATIENCE;
    private static final Duration WINDOW = Duration.ofSeconds(20);
    /** A destination that received less than this share of the source's bytes lost media. */
    private static final double DELIVERED = 0.97;

    private CostPerPushBenchmark() {
    }

    /**
     * One side at one count of pushes, over the window. CPU in percent of one core: of the push
     * processes per push (Fanout only), and of the rest that serves them ({@code serving}: for
     * Fanout the edge the pushes read and publish-service, for the baseline the nginx that pushes).
     * {@code interrupted}: pushes whose process changed (a restart) or destinations that were seen
     * without a publisher during the window.
     */
    record Phase(int pushes, double pushCpuPerPush, double servingCpu, double rssPerPushMib, double privatePerPushMib,
            double servingRssMib, double machineBusy, long droppedFrames, double worstDelivered, int interrupted) {

        boolean sustained() {
            return droppedFrames == 0 && interrupted == 0 && worstDelivered >= DELIVERED;
        }

        double cpuPerPush() {
            return pushCpuPerPush + servingCpu / pushes;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path runDir = BenchMedia.runDirectory(root);
        BenchMedia.Clip encoded = BenchMedia.encodeClip(runDir, 1280, 720, 3000, CLIP_SECONDS);
        Path clip = encoded.file();
        double clipKbps = encoded.kbps();
        int most = STEPS.get(STEPS.size() - 1);
        Edge.Builder sinkBuilder = Edge.builder().application("f");
        IntStream.rangeClosed(1, most).forEach(i -> sinkBuilder.application("b" + i));
        Edge sink = sinkBuilder.start();
        Edge.Builder relayBuilder = Edge.builder();
        for (int count : STEPS) {
            relayBuilder.pushingApplication("r" + count,
                    IntStream.rangeClosed(1, count).mapToObj(i -> sink.rtmpUrl("b" + i)).toList());
        }
        Edge relay = relayBuilder.start();
        say("starting Fanout");
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), CostPerPushBenchmark::say)) {
            PartnerApi admin = PartnerApi.admin(platform);
            PartnerApi partner = admin.as(admin.createPartner("Cost per push"));
            Map<String, Object> stream = partner.createStream("Cost per push", 0);
            String streamId = (String) stream.get("id");
            say("creating " + most + " destinations and their targets, disabled");
            List<String> targets = new ArrayList<>();
            for (int i = 1; i <= most; i++) {
                String destination = partner.createDestination("p" + i, "rtmp", sink.rtmpUrl("f"), "p" + i);
                String target = partner.addTarget(streamId, destination, PATIENCE);
                partner.setTargetEnabled(streamId, target, false);
                targets.add(target);
            }
            Process encoder = BenchMedia.publish(clip, (String) stream.get("publishUrl"), runDir.resolve("encoder.log"));
            try {
                await("stream live").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> "LIVE".equals(partner.stream(streamId).get("state")));
                List<Phase[]> rows = new ArrayList<>();
                for (int count : STEPS) {
                    Phase ours = fanout(platform, partner, streamId, targets.subList(0, count), sink);
                    Phase base = baseline(relay, sink, clip, count, runDir);
                    say(String.format(Locale.ROOT, "%d pushes: Fanout %.2f %% of a core per push (%s), nginx push "
                            + "%.2f %% (%s)", count, ours.cpuPerPush(), verdict(ours), base.cpuPerPush(), verdict(base)));
                    rows.add(new Phase[] {ours, base});
                    if (!ours.sustained()) {
                        break;
                    }
                }
                String section = report(rows, clipKbps);
                ReadmeSection.publish(root.resolve("publish-service/README.md"), "cost-per-push-benchmark",
                        "Benchmark: cost per push", section);
            } finally {
                encoder.destroy();
            }
        } finally {
            relay.stop();
            sink.stop();
        }
    }

    /** Enables the targets (their pushes start), measures, disables them again (their pushes stop). */
    private static Phase fanout(LocalPlatform platform, PartnerApi partner, String streamId, List<String> targets,
            Edge sink) {
        int count = targets.size();
        say("Fanout: " + count + " pushes");
        targets.forEach(target -> partner.setTargetEnabled(streamId, target, true));
        List<String> paths = IntStream.rangeClosed(1, count).mapToObj(i -> "f/p" + i).toList();
        BenchMedia.awaitPublishing(sink, paths, true);
        String destinations = sink.rtmpUrl("f") + "/p";
        await(count + " push processes").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> BenchMedia.ffmpegWith(destinations).size() == count);
        Phase phase = measure(count, BenchMedia.ffmpegWith(destinations), List.of(platform.edge().pid(),
                platform.pid(Service.PUBLISH)), platform.edge(), Edge.INGEST_APP + "/" + streamId, sink, paths);
        targets.forEach(target -> partner.setTargetEnabled(streamId, target, false));
        BenchMedia.awaitPublishing(sink, paths, false);
        return phase;
    }

    /** Publishes the clip to the relay application that pushes to {@code count} destinations, measures, stops. */
    private static Phase baseline(Edge relay, Edge sink, Path clip, int count, Path runDir) throws Exception {
        say("nginx push: " + count + " destinations");
        String name = "s" + count;
        List<String> paths = IntStream.rangeClosed(1, count).mapToObj(i -> "b" + i + "/" + name).toList();
        Process publisher = BenchMedia.publish(clip, relay.rtmpUrl("r" + count, name), runDir.resolve("baseline-" + count + ".log"));
        try {
            BenchMedia.awaitPublishing(sink, paths, true);
            return measure(count, Set.of(), List.of(relay.pid()), relay, "r" + count + "/" + name, sink, paths);
        } finally {
            publisher.destroy();
            publisher.waitFor();
            BenchMedia.awaitPublishing(sink, paths, false);
        }
    }

    /** What the processes and edges show at one moment. */
    private record Snapshot(long nanos, Map<Long, Long> pushTicks, long servingTicks, long[] machine, EdgeStat source,
            EdgeStat sink) {

        static Snapshot take(Set<Long> pushes, List<Long> serving, Edge source, Edge sink) {
            Map<Long, Long> ticks = new HashMap<>();
            pushes.forEach(pid -> ProcFs.cpuTicks(pid).ifPresent(t -> ticks.put(pid, t)));
            long servingTicks = serving.stream().map(ProcFs::cpuTicks).mapToLong(t -> t.orElse(0)).sum();
            return new Snapshot(System.nanoTime(), ticks, servingTicks, ProcFs.machineTicks(),
                    EdgeStat.parse(source.stat()), EdgeStat.parse(sink.stat()));
        }
    }

    private static Phase measure(int count, Set<Long> pushes, List<Long> serving, Edge source, String sourcePath,
            Edge sink, List<String> destinations) {
        BenchMedia.awaitFlowing(sink, destinations);
        Snapshot before = Snapshot.take(pushes, serving, source, sink);
        int interrupted = BenchMedia.lostDuring(sink, destinations, WINDOW).size();
        Snapshot after = Snapshot.take(pushes, serving, source, sink);
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        long pushTicks = 0;
        int restarted = 0;
        for (long pid : pushes) {
            Long from = before.pushTicks().get(pid);
            Long to = after.pushTicks().get(pid);
            if (from == null || to == null) {
                restarted++;
            } else {
                pushTicks += to - from;
            }
        }
        double rssPerPush = average(pushes, ProcFs::rssKib) / 1024;
        double privatePerPush = average(pushes, ProcFs::privateKib) / 1024;
        double servingRss = serving.stream().map(ProcFs::rssKib).mapToLong(r -> r.orElse(0)).sum() / 1024.0;
        long sourceBytes = after.source().stream(sourcePath).bytesIn() - before.source().stream(sourcePath).bytesIn();
        double worst = destinations.stream().mapToDouble(path -> (after.sink().stream(path).bytesIn()
                - before.sink().stream(path).bytesIn()) / (double) sourceBytes).min().orElse(0);
        long dropped = Math.max(0, after.source().stream(sourcePath).droppedFrames()
                - before.source().stream(sourcePath).droppedFrames());
        double busy = BenchMedia.machineBusy(before.machine(), after.machine());
        return new Phase(count, pushes.isEmpty() ? 0 : BenchMedia.percentOfCore(pushTicks, seconds) / count,
                BenchMedia.percentOfCore(after.servingTicks() - before.servingTicks(), seconds), rssPerPush, privatePerPush,
                servingRss, busy, dropped, worst, restarted + interrupted);
    }

    private static double average(Set<Long> pids, Function<Long, OptionalLong> reading) {
        return pids.stream().map(reading).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong)
                .average().orElse(0);
    }

    private static String verdict(Phase phase) {
        return phase.sustained() ? "every frame delivered" : String.format(Locale.ROOT,
                "lost media: %d frames dropped, worst destination got %.1f %%, %d pushes interrupted",
                phase.droppedFrames(), 100 * phase.worstDelivered(), phase.interrupted());
    }

    private static String report(List<Phase[]> rows, double clipKbps) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                Cost per push (`./fanout bench cost-per-push`, %s, on %s): one 1280x720 30 fps stream at %.0f kb/s
                (H.264 at a constant 3 Mb/s + AAC, a clip published with `-c copy`) simulcast to N destinations
                on a local nginx-rtmp; at each N, %d s measured once media flowed to every destination, Fanout and nginx-rtmp's
                static `push` one after the other. CPU in %% of one core (the machine has %d). Fanout's "serving"
                is the edge its pushes read plus publish-service; the baseline's is the one nginx that pushes.
                "Delivered" is the bytes the worst destination received against the source's in the same window;
                frames dropped are the source edge's for readers that fell behind. A push's private memory is what
                one more costs; its RSS also counts the ffmpeg libraries every push shares. "Machine busy" is the
                whole machine (everything above, the other services, the stream's ladder, which transcode-service
                encodes as it does for every stream by default, and the sink), in %% of one core.

                | N | Fanout: ffmpeg per push | + serving, per push | private memory per push (RSS) | serving RSS | machine busy | frames dropped | delivered | nginx push: CPU per push | nginx RSS | machine busy | delivered |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """, LocalDate.now(), Machine.describe(), clipKbps, WINDOW.toSeconds(),
                Runtime.getRuntime().availableProcessors()));
        int sustained = 0;
        int baselineSustained = 0;
        for (Phase[] row : rows) {
            Phase ours = row[0];
            Phase base = row[1];
            out.append(String.format(Locale.ROOT,
                    "| %d | %.2f %% | %.2f %% | %.1f MiB (%.0f MiB) | %.0f MiB | %.0f %% | %d | %.1f %% | %.2f %% | %.0f MiB | %.0f %% | %.1f %% |%n",
                    ours.pushes(), ours.pushCpuPerPush(), ours.cpuPerPush(), ours.privatePerPushMib(), ours.rssPerPushMib(),
                    ours.servingRssMib(),
                    ours.machineBusy(), ours.droppedFrames(), 100 * ours.worstDelivered(), base.cpuPerPush(),
                    base.servingRssMib(), base.machineBusy(), 100 * base.worstDelivered()));
            // The ramp stops at Fanout's first loss, so every earlier step was sustained.
            sustained = ours.sustained() ? ours.pushes() : sustained;
            baselineSustained = base.sustained() ? Math.max(baselineSustained, base.pushes()) : baselineSustained;
        }
        Phase last = rows.get(rows.size() - 1)[0];
        out.append('\n').append(last.sustained()
                ? String.format(Locale.ROOT, "Fanout delivered every frame up to the largest step, %d concurrent pushes "
                        + "(target: at least 40); nginx's push up to %d.", sustained, baselineSustained)
                : String.format(Locale.ROOT, "Fanout delivered every frame up to %d concurrent pushes (target: at least "
                        + "40) and lost media at %d; nginx's push up to %d of the steps measured.", sustained,
                        last.pushes(), baselineSustained));
        return out.toString();
    }

    private static void say(String step) {
        Console.step(step);
    }
}
