package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.platform.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the media benchmarks share: a clip encoded once at a constant bitrate and published in a
 * loop as it is (so the encoders of a run cost next to nothing, as a partner's encoder runs on the
 * partner's machine), and the nginx-rtmp that stands in for the destinations, read through its
 * {@code /stat}.
 */
final class BenchMedia {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    /** How often the destinations are read while waiting for media to flow to every one. */
    private static final Duration SETTLE_POLL = Duration.ofSeconds(2);

    private BenchMedia() {
    }

    /** Where a benchmark run writes its files: {@code fanout.target.dir} (the launcher's run directory), else {@code target/}. */
    static Path runDirectory(Path root) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("fanout.target.dir", root.resolve("target").toString())));
    }

    /** The counts a ramp measures: {@code -Dfanout.bench.steps=1,2} for a short run, else {@code defaults}. */
    static List<Integer> steps(String defaults) {
        return Arrays.stream(System.getProperty("fanout.bench.steps", defaults).split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
    }

    /** A clip encoded once for a run, and its average bitrate (audio included) in kb/s. */
    record Clip(Path file, double kbps) {
    }

    /**
     * Encodes a clip of {@code seconds} into the run directory: H.264 at a constant {@code videoKbps},
     * 30 fps, a keyframe every 2 s, AAC 128 kb/s.
     */
    static Clip encodeClip(Path runDir, int width, int height, int videoKbps, int seconds)
            throws IOException, InterruptedException {
        Console.step(String.format(Locale.ROOT, "encoding a %d s clip: %dx%d, 30 fps, H.264 at a constant %d kb/s, "
                + "AAC 128 kb/s", seconds, width, height, videoKbps));
        String name = "clip-" + height + "p-" + videoKbps + "k";
        Path clip = runDir.resolve(name + ".flv");
        String rate = videoKbps + "k";
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "60", "-keyint_min", "60",
                "-sc_threshold", "0", "-b:v", rate, "-minrate", rate, "-maxrate", rate, "-bufsize", rate,
                "-x264-params", "nal-hrd=cbr", "-c:a", "aac", "-b:a", "128k", "-f", "flv", clip.toString())
                .redirectErrorStream(true).redirectOutput(runDir.resolve(name + ".log").toFile()).start();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("cannot encode the clip; see " + runDir.resolve(name + ".log"));
        }
        return new Clip(clip, Files.size(clip) * 8 / 1000.0 / seconds);
    }

    /** Publishes the clip in a loop at real time, copied as it is (no encoding). */
    static Process publish(Path clip, String url, Path log) throws IOException {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-re",
                "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Stops publishers and waits for each to be gone. */
    static void stop(List<Process> publishers) throws InterruptedException {
        publishers.forEach(Process::destroy);
        for (Process publisher : publishers) {
            publisher.waitFor();
        }
    }

    /** Waits until every one of {@code paths} ({@code application/stream}) has a publisher, or none has. */
    static void awaitPublishing(Edge edge, List<String> paths, boolean publishing) {
        await((publishing ? "" : "no ") + "publisher on " + paths.size() + " streams").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    EdgeStat stat = EdgeStat.parse(edge.stat());
                    return paths.stream().allMatch(path -> stat.stream(path).publishing() == publishing);
                });
    }

    /** Whether every one of {@code paths} has a publisher within the patience. */
    static boolean publishingWithin(Edge edge, List<String> paths) {
        return within(() -> withoutPublisher(edge, paths) == 0);
    }

    /** How many of {@code paths} have no publisher now. */
    static int withoutPublisher(Edge edge, List<String> paths) {
        EdgeStat stat = EdgeStat.parse(edge.stat());
        return (int) paths.stream().filter(path -> !stat.stream(path).publishing()).count();
    }

    /** Whether {@code condition} holds within the patience (polled every 500 ms). */
    static boolean within(Callable<Boolean> condition) {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(condition);
            return true;
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }

    /** Waits until media flows to every one of {@code paths}: each one's received bytes grew since the last look. */
    static void awaitFlowing(Edge edge, List<String> paths) {
        Map<String, Long> last = new HashMap<>();
        await("media flowing to " + paths.size() + " streams").atMost(PATIENCE)
                .pollInterval(SETTLE_POLL).until(() -> {
                    EdgeStat stat = EdgeStat.parse(edge.stat());
                    boolean growing = paths.stream().allMatch(path -> last.containsKey(path)
                            && stat.stream(path).bytesIn() > last.get(path));
                    paths.forEach(path -> last.put(path, stat.stream(path).bytesIn()));
                    return growing;
                });
    }

    /**
     * A measurement window: every second until it is over, each of {@code paths} must still have its
     * publisher. Returns those that lost it at some point (a push that broke and came back).
     */
    static Set<String> lostDuring(Edge edge, List<String> paths, Duration window) {
        Set<String> lost = new HashSet<>();
        long end = System.nanoTime() + window.toNanos();
        await("the " + window.toSeconds() + " s window").atMost(window.plus(PATIENCE)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    EdgeStat stat = EdgeStat.parse(edge.stat());
                    paths.stream().filter(path -> !stat.stream(path).publishing()).forEach(lost::add);
                    return System.nanoTime() >= end;
                });
        return lost;
    }

    /** The pids of the ffmpeg processes with an argument starting with {@code argumentPrefix} (a destination URL). */
    static Set<Long> ffmpegWith(String argumentPrefix) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(command -> command.endsWith("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.stream(a).anyMatch(arg -> arg.startsWith(argumentPrefix)))
                        .orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** CPU in percent of one core, from clock ticks over {@code seconds}. */
    static double percentOfCore(long ticks, double seconds) {
        return 100.0 * ticks / ProcFs.TICKS_PER_SECOND / seconds;
    }

    /** The whole machine's CPU between two {@link ProcFs#machineTicks()} readings, in percent of one core. */
    static double machineBusy(long[] before, long[] after) {
        return 100.0 * (after[0] - before[0]) / (after[1] - before[1]) * Runtime.getRuntime().availableProcessors();
    }
}
