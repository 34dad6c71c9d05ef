package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One go-live as its viewers see it: a player (ffmpeg decoding one video frame) already waits on
 * every destination path ({@code app/name}), an encoder starts, and the trial records, in epoch
 * milliseconds, when the encoder started, when each destination first had a publisher (its
 * {@code /stat}, read every 10 ms) and when each player decoded its first frame.
 */
final class GoLiveTrial {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What one trial measured; times in epoch milliseconds. */
    record Timings(long encoderStarted, Map<String, Long> firstBytes, Map<String, Long> firstFrames) {

        /** Seconds from the encoder's start to the slowest destination's first decoded frame. */
        double slowestSeconds() {
            return (firstFrames.values().stream().mapToLong(Long::longValue).max().orElseThrow() - encoderStarted) / 1e3;
        }

        /** Each destination's seconds from the encoder's start to its first decoded frame. */
        List<Double> perDestinationSeconds() {
            return firstFrames.values().stream().map(at -> (at - encoderStarted) / 1e3).toList();
        }

        long earliestFirstBytes() {
            return firstBytes.values().stream().mapToLong(Long::longValue).min().orElse(-1);
        }

        long latestFirstBytes() {
            return firstBytes.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    private GoLiveTrial() {
    }

    /** Runs one trial: players on {@code paths} of {@code destinations}, an encoder to {@code encoderUrl}. */
    static Timings run(Edge destinations, List<String> paths, String encoderUrl) throws Exception {
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
        Map<String, CompletableFuture<Long>> decoded = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            decoded.put(paths.get(i), players.get(i).onExit().thenApply(ended -> System.currentTimeMillis()));
        }
        Map<String, Long> firstBytes = new HashMap<>();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        long started = System.currentTimeMillis();
        Encoder encoder = Encoder.to(encoderUrl).size(1280, 720).videoKbps(3000).start();
        watch.scheduleWithFixedDelay(() -> {
            EdgeStat stat = EdgeStat.parse(destinations.stat());
            long now = System.currentTimeMillis();
            for (String path : paths) {
                if (stat.stream(path).publishing()) {
                    synchronized (firstBytes) {
                        firstBytes.putIfAbsent(path, now);
                    }
                }
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        try {
            Map<String, Long> firstFrames = new HashMap<>();
            for (Map.Entry<String, CompletableFuture<Long>> exit : decoded.entrySet()) {
                firstFrames.put(exit.getKey(), exit.getValue().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            for (Process player : players) {
                if (player.exitValue() != 0) {
                    throw new IllegalStateException("a player failed (exit " + player.exitValue() + ")");
                }
            }
            watch.shutdown();
            watch.awaitTermination(5, TimeUnit.SECONDS);
            synchronized (firstBytes) {
                return new Timings(started, Map.copyOf(firstBytes), firstFrames);
            }
        } finally {
            watch.shutdownNow();
            players.forEach(Process::destroyForcibly);
            encoder.stop();
        }
    }
}
