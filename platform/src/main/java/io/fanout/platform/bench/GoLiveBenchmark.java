package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import io.fanout.platform.Service;
import io.fanout.testkit.Edge;
import io.fanout.testkit.Encoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Go-live latency of a simulcast to five destinations: a player (ffmpeg decoding one video frame)
 * already waits on every destination, an encoder starts, and the time until the slowest player has
 * decoded its first frame is measured. Side by side in one run, alternating trials:
 * <ul>
 * <li>the baseline: nginx-rtmp's static {@code push} directive relaying to the five destinations;</li>
 * <li>Fanout: the encoder publishes to the platform's edge, ingest-service authorises it, the
 * session reaches publish-service through Kafka, and five pushes start.</li>
 * </ul>
 * The destinations are applications of one nginx-rtmp. The results replace the go-live section of
 * publish-service/README.md. Run with {@code ./fanout bench go-live}.
 */
public final class GoLiveBenchmark {

    private static final int DESTINATIONS = 5;
    private static final int TRIALS = 7;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private GoLiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        say("starting Kafka, PostgreSQL, the edge, ingest-service and publish-service");
        Edge.Builder destinationsBuilder = Edge.builder();
        IntStream.rangeClosed(1, DESTINATIONS).forEach(i -> destinationsBuilder.application("d" + i).application("b" + i));
        Edge destinations = destinationsBuilder.start();
        List<String> baselineTargets = IntStream.rangeClosed(1, DESTINATIONS).mapToObj(i -> destinations.rtmpUrl("b" + i))
                .toList();
        Edge relay = Edge.builder().pushingApplication("relay", baselineTargets).start();
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), GoLiveBenchmark::say,
                EnumSet.of(Service.INGEST, Service.PUBLISH), Map.of())) {
            PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Go-live"));
            List<Double> baseline = new ArrayList<>();
            List<Double> fanout = new ArrayList<>();
            for (int trial = 0; trial <= TRIALS; trial++) {
                String name = "t" + trial + "-" + UUID.randomUUID().toString().substring(0, 6);
                double base = slowest(destinations, IntStream.rangeClosed(1, DESTINATIONS)
                        .mapToObj(i -> "b" + i + "/" + name).toList(), relay.rtmpUrl("relay", name));
                double ours = fanoutTrial(partner, destinations, name);
                // The first trial of each side warms the JVMs and caches up: it is not counted.
                if (trial > 0) {
                    baseline.add(base);
                    fanout.add(ours);
                }
                say(String.format(Locale.ROOT, "trial %d: nginx push %.2f s, Fanout %.2f s%s", trial, base, ours,
                        trial == 0 ? " (warm-up)" : ""));
            }
            String section = report(baseline, fanout);
            ReadmeSection.publish(root.resolve("publish-service/README.md"), "go-live-benchmark",
                    "Benchmark: go-live latency", section);
        } finally {
            relay.stop();
            destinations.stop();
        }
    }

    private static double fanoutTrial(PartnerApi partner, Edge destinations, String name) throws Exception {
        Map<String, Object> stream = partner.createStream("Go-live " + name, 0);
        String streamId = (String) stream.get("id");
        for (int i = 1; i <= DESTINATIONS; i++) {
            String destination = partner.createDestination("d" + i, "rtmp", destinations.rtmpUrl("d" + i), name);
            partner.addTarget(streamId, destination, PATIENCE);
        }
        double seconds = slowest(destinations, IntStream.rangeClosed(1, DESTINATIONS).mapToObj(i -> "d" + i + "/" + name)
                .toList(), (String) stream.get("publishUrl"));
        await("stream " + streamId + " ended").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> "ENDED".equals(partner.stream(streamId).get("state")));
        return seconds;
    }

    /**
     * Starts a player on every destination path ({@code app/name}), waits until the destinations'
     * server has each of them, starts the encoder and returns the seconds until the last player
     * decoded a video frame.
     */
    private static double slowest(Edge destinations, List<String> paths, String encoderUrl) throws Exception {
        List<Process> players = new ArrayList<>();
        for (String path : paths) {
            players.add(new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-rw_timeout", "60000000", "-i", "rtmp://127.0.0.1:" + destinations.rtmpPort() + "/" + path,
                    "-map", "0:v:0", "-frames:v", "1", "-f", "null", "-").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (String path : paths) {
            String name = path.substring(path.indexOf('/') + 1);
            await("player of " + path).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> destinations.hasStream(name));
        }
        List<CompletableFuture<Long>> decoded = players.stream().map(p -> p.onExit().thenApply(ended -> System.nanoTime()))
                .toList();
        long start = System.nanoTime();
        Encoder encoder = Encoder.to(encoderUrl).size(1280, 720).videoKbps(3000).start();
        try {
            long last = start;
            for (CompletableFuture<Long> exit : decoded) {
                last = Math.max(last, exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            for (Process player : players) {
                if (player.exitValue() != 0) {
                    throw new IllegalStateException("a player failed (exit " + player.exitValue() + ")");
                }
            }
            return (last - start) / 1e9;
        } finally {
            players.forEach(Process::destroyForcibly);
            encoder.stop();
        }
    }

    private static String report(List<Double> baseline, List<Double> fanout) {
        double base = median(baseline);
        double ours = median(fanout);
        return String.format(Locale.ROOT, """
                Go-live latency, %d destinations, %d trials each after one warm-up, alternating (`./fanout bench go-live`,
                %s, on %s): from the encoder's start (1280x720, 3 Mb/s, keyframe every 2 s) to the first decoded
                video frame at the slowest destination, each destination's player connected and waiting before.

                | | median | min | max |
                |---|---|---|---|
                | nginx-rtmp static `push` (baseline) | %.2f s | %.2f s | %.2f s |
                | Fanout (hook → Kafka → push start) | %.2f s | %.2f s | %.2f s |

                Fanout's median is %.2f× the baseline's (target: 1.5×).
                """, DESTINATIONS, baseline.size(), LocalDate.now(), Machine.describe(), base, min(baseline), max(baseline),
                ours, min(fanout), max(fanout), ours / base);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void say(String step) {
        Console.step(step);
    }
}
