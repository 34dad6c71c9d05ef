package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * transcode-service's ladder, measured with the whole platform running as {@code ./fanout up} runs
 * it, on sport-like sources (moving test pattern, colours turning, a frame-number barcode):
 * <ul>
 * <li>speed and overhead: the command line Fanout ran for a live 1080p30 (and 1080p60) source, taken
 * from the process table, run again by hand on a live stream of the same clip (the CPU per second of
 * media of each, transcode-service's supervision counted on Fanout's side: {@link LadderByHand}), and
 * on the clip as a file as fast as it goes (x realtime);</li>
 * <li>latency: encoder start to a playable ladder (master and every rung playlist with a segment),
 * and glass-to-glass from the edge to an HLS reader of the lowest rung and to the player page in
 * headless Chromium, read from the barcode, on a second run of the source: the clocks decode the
 * source and a rung on the same cores, so the speed is measured without them;</li>
 * <li>capacity: 720p30 streams added one by one until a ladder falls behind live, with CPU and
 * memory per ladder.</li>
 * </ul>
 * Sources are clips encoded once and published with {@code -c copy}, so encoders cost next to
 * nothing. Results replace the benchmark section of transcode-service/README.md. Run with
 * {@code ./fanout bench ladder}.
 */
public final class LadderBenchmark {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration WINDOW = Duration.ofSeconds(30);
    /** Media a newly added ladder encodes before the measuring starts. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final int CLIP_SECONDS = 60;
    private static final int MOST_LADDERS = Integer.getInteger("fanout.bench.ladders", 10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LadderBenchmark() {
    }

    /**
     * One source's ladder: by hand from the file (speed), by hand on a live stream, and Fanout's live.
     * Fanout's cost per media second is its ladder's CPU plus what transcode-service spent beyond its
     * CPU during the run by hand (supervising the ladder: progress, metrics, events).
     */
    record Speed(String source, String rungs, LadderByHand.FromFile file, LadderByHand.Window hand,
            LadderByHand.Window fanout) {

        double fanoutCpuPerMediaSecond() {
            return fanout.cpuPerMediaSecond() + supervision();
        }

        double supervision() {
            return fanout.serviceCpuPerMediaSecond() - hand.serviceCpuPerMediaSecond();
        }

        double overhead() {
            return fanoutCpuPerMediaSecond() / hand.cpuPerMediaSecond() - 1;
        }
    }

    record Capacity(int ladders, double slowest, double cpuPerLadder, double rssPerLadderMib) {
        boolean sustained() {
            return slowest >= LadderByHand.KEEPS_UP;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path runDir = Path.of(System.getProperty("fanout.target.dir", root.resolve("target").toString()));
        Files.createDirectories(runDir);
        say("encoding the sources: 1080p30 at 6 Mb/s and 1080p60 at 9 Mb/s (" + CLIP_SECONDS + " s), 720p30 at 3 Mb/s");
        Path p30 = clip(runDir, 1920, 1080, 30, 6000);
        Path p60 = clip(runDir, 1920, 1080, 60, 9000);
        Path p720 = clip(runDir, 1280, 720, 30, 3000);
        say("starting the whole platform");
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), LadderBenchmark::say)) {
            PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Ladders"));
            String transcode = platform.serviceUrl(io.fanout.platform.Service.TRANSCODE);
            List<Speed> speeds = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            Viewer viewer = toTheViewer(partner, p720, runDir, platform, transcode);
            long service = platform.pid(io.fanout.platform.Service.TRANSCODE);
            // Speed alone first: the clocks below decode the source and a rung on these same cores.
            LiveRun run30 = measureLive(partner, p30, runDir, "bar30", transcode, service);
            LadderByHand.Window hand30 = handLive(partner, p30, runDir, "hand30", run30, service);
            try (Live live = Live.start(partner, p30, runDir, "clock30", false)) {
                live.awaitPlayable(transcode);
                FrameClock edge = FrameClock.read(platform.edge().ingestUrl() + "/" + live.id, runDir.resolve("edge-clock.log"));
                FrameClock player = FrameClock.read(transcode + "/hls/" + live.id + "/360p/index.m3u8",
                        runDir.resolve("player-clock.log"));
                await().atMost(PATIENCE).until(() -> player.all().size() > 30 * 20);
                edge.stop();
                player.stop();
                latencies.addAll(delays(edge, player));
            }
            LiveRun run60 = measureLive(partner, p60, runDir, "bar60", transcode, service);
            LadderByHand.Window hand60 = handLive(partner, p60, runDir, "hand60", run60, service);
            // From the files once the live ladders are gone, on the machine with the platform still up.
            speeds.add(speed("1080p30", run30, hand30, p30, runDir));
            speeds.add(speed("1080p60", run60, hand60, p60, runDir));
            List<Capacity> capacity = capacity(partner, p720, runDir, transcode);
            ReadmeSection.publish(root.resolve("transcode-service/README.md"), "ladder-benchmark", "Benchmark",
                    report(speeds, run30.playable(), latencies, viewer, capacity));
        }
    }

    /** One stream published from a clip, its ladder and its ffmpeg. */
    private static final class Live implements AutoCloseable {
        final String id;
        final Process encoder;
        final long startedNanos = System.nanoTime();

        private Live(String id, Process encoder) {
            this.id = id;
            this.encoder = encoder;
        }

        /** Publishes {@code clip} once (its frame numbers run from 0), or looped for as long as it takes. */
        static Live start(PartnerApi partner, Path clip, Path runDir, String name, boolean loop) throws IOException {
            return start(partner, clip, runDir, name, loop, "STANDARD");
        }

        /** As {@link #start(PartnerApi, Path, Path, String, boolean)}, on a stream with the {@code ladder} setting. */
        static Live start(PartnerApi partner, Path clip, Path runDir, String name, boolean loop, String ladder)
                throws IOException {
            Map<String, Object> stream = partner.createStream(name, 0, ladder);
            Process encoder = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-re",
                    "-stream_loop", loop ? "-1" : "0", "-i", clip.toString(), "-c", "copy", "-f", "flv",
                    (String) stream.get("publishUrl"))
                    .redirectErrorStream(true).redirectOutput(runDir.resolve(name + "-encoder.log").toFile()).start();
            return new Live((String) stream.get("id"), encoder);
        }

        /** Seconds from the encoder's start until the master and every rung playlist have a segment. */
        double awaitPlayable(String transcode) {
            await("ladder of " + id).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                Optional<String> master = get(transcode + "/hls/" + id + "/master.m3u8");
                return master.isPresent() && master.get().lines().filter(l -> l.endsWith(".m3u8"))
                        .allMatch(rung -> get(transcode + "/hls/" + id + "/" + rung).map(p -> p.contains(".ts"))
                                .orElse(false));
            });
            return (System.nanoTime() - startedNanos) / 1e9;
        }

        ProcessHandle ladder() {
            return await().atMost(PATIENCE).until(() -> ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("tee")
                            && List.of(a).stream().anyMatch(arg -> arg.endsWith("/live/" + id))).orElse(false))
                    .findFirst(), Optional::isPresent).get();
        }

        @Override
        public void close() {
            encoder.destroy();
        }
    }

    /** Fanout's live ladder of a stream of the clip: its command line, the window measured, when it was playable. */
    record LiveRun(String id, List<String> arguments, LadderByHand.Window window, double playable) {
    }

    /** Fanout's ladder of a live stream of {@code clip}, measured over a window of media once playable. */
    private static LiveRun measureLive(PartnerApi partner, Path clip, Path runDir, String name, String transcode,
            long service) throws IOException {
        try (Live live = Live.start(partner, clip, runDir, name, false)) {
            double playable = live.awaitPlayable(transcode);
            ProcessHandle ladder = live.ladder();
            List<String> arguments = List.of(ladder.info().arguments().orElseThrow());
            return new LiveRun(live.id, arguments, LadderByHand.measure(ladder, LadderByHand.progressFile(arguments),
                    service, WINDOW, PATIENCE), playable);
        }
    }

    /**
     * The same command line as Fanout's live ladder, by hand, on a live stream of the same clip that
     * has no ladder of Fanout's (ladder setting {@code NONE}), measured over the same window of media.
     */
    private static LadderByHand.Window handLive(PartnerApi partner, Path clip, Path runDir, String name, LiveRun fanout,
            long service) throws IOException {
        try (Live live = Live.start(partner, clip, runDir, name, false, "NONE")) {
            List<String> command = LadderByHand.liveCommand(fanout.arguments(), fanout.id(), live.id,
                    runDir.resolve(name));
            say("running the same ladder by hand on a live stream of the same clip (" + name + ")");
            Process hand = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve(name + ".log").toFile()).start();
            try {
                return LadderByHand.measure(hand.toHandle(), LadderByHand.progressFile(command), service, WINDOW, PATIENCE);
            } finally {
                hand.destroy();
                hand.onExit().join();
            }
        }
    }

    /** Seconds of media the stream's ladder has encoded, by its own count ({@code fanout_transcode_media_seconds}). */
    private static double encoded(String transcode, Live live) {
        return metric(get(transcode + "/q/metrics").orElse(""), "fanout_transcode_media_seconds{stream_id=\"" + live.id
                + "\"}");
    }

    /** The ladder by hand from the clip as a file, beside the live runs. */
    private static Speed speed(String source, LiveRun fanout, LadderByHand.Window hand, Path clip, Path runDir)
            throws Exception {
        say("running the same ladder by hand on the clip (" + source + ")");
        LadderByHand.FromFile file = LadderByHand.fromFile(fanout.arguments(), clip, CLIP_SECONDS,
                runDir.resolve("by-hand-" + source), runDir.resolve("by-hand-" + source + ".log"));
        return new Speed(source, LadderByHand.rungs(fanout.arguments()), file, hand, fanout.window());
    }

    /**
     * Glass-to-glass to a viewer's browser: a 720p30 stream (a lighter ladder, so the browser sharing
     * these 2 cores does not push it behind live) watched on its player page in headless Chromium for
     * 20 s of frames, against the edge's clock of the same frames.
     */
    private static Viewer toTheViewer(PartnerApi partner, Path clip, Path runDir, LocalPlatform platform,
            String transcode) throws IOException {
        try (Live live = Live.start(partner, clip, runDir, "viewer", true)) {
            live.awaitPlayable(transcode);
            FrameClock edge = FrameClock.read(platform.edge().ingestUrl() + "/" + live.id, runDir.resolve("viewer-edge-clock.log"));
            FrameClock reader = FrameClock.read(transcode + "/hls/" + live.id + "/360p/index.m3u8",
                    runDir.resolve("viewer-reader-clock.log"));
            try (BrowserClock viewer = BrowserClock.watch(transcode + "/watch/" + live.id, true)) {
                Map<Integer, Double> seen = await("20 s of frames in the browser").atMost(PATIENCE)
                        .pollInterval(Duration.ofSeconds(1)).until(viewer::seenEpochMillis, frames -> frames.size() > 30 * 20);
                return new Viewer(delays(edge, reader), delays(edge, seen));
            } finally {
                edge.stop();
                reader.stop();
            }
        }
    }

    /** Glass-to-glass of one stream: to an HLS reader that takes each segment as soon as it is listed, and to the browser. */
    record Viewer(List<Double> reader, List<Double> browser) {
    }

    /** Delays of every frame the edge and the browser saw, after the first 10 s. */
    private static List<Double> delays(FrameClock edge, Map<Integer, Double> viewerEpochMillis) {
        return viewerEpochMillis.entrySet().stream().filter(e -> e.getKey() > 300 && edge.seenEpochMillis(e.getKey()) != null)
                .map(e -> (e.getValue() - edge.seenEpochMillis(e.getKey())) / 1e3).sorted().toList();
    }

    /** Delays of every frame both clocks saw, the player's against the edge's, after the first 10 s. */
    private static List<Double> delays(FrameClock edge, FrameClock player) {
        return player.all().entrySet().stream().filter(e -> e.getKey() > 300 && edge.seen(e.getKey()) != null)
                .map(e -> (e.getValue() - edge.seen(e.getKey())) / 1e9).sorted().toList();
    }

    private static List<Capacity> capacity(PartnerApi partner, Path clip, Path runDir, String transcode) throws IOException {
        List<Capacity> rows = new ArrayList<>();
        List<Live> lives = new ArrayList<>();
        try {
            for (int n = 1; n <= MOST_LADDERS; n++) {
                Live live = Live.start(partner, clip, runDir, "c" + n, true);
                lives.add(live);
                live.awaitPlayable(transcode);
                await("the new ladder settles").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                        .until(() -> encoded(transcode, live) >= SETTLE.toSeconds());
                List<ProcessHandle> ladders = lives.stream().map(Live::ladder).toList();
                long before = ladders.stream().mapToLong(p -> ProcFs.cpuTicks(p.pid()).orElse(0)).sum();
                long start = System.nanoTime();
                double firstBefore = encoded(transcode, lives.get(0));
                // The window ends when the oldest ladder has encoded WINDOW of media more.
                await("a window of media").atMost(WINDOW.multipliedBy(3)).pollInterval(Duration.ofMillis(250))
                        .until(() -> encoded(transcode, lives.get(0)) - firstBefore >= WINDOW.toSeconds());
                double wall = (System.nanoTime() - start) / 1e9;
                double cpu = (ladders.stream().mapToLong(p -> ProcFs.cpuTicks(p.pid()).orElse(0)).sum() - before)
                        / ProcFs.TICKS_PER_SECOND / wall / n;
                double rss = ladders.stream().mapToLong(p -> ProcFs.rssKib(p.pid()).orElse(0)).sum() / 1024.0 / n;
                String metrics = get(transcode + "/q/metrics").orElse("");
                double slowest = lives.stream().mapToDouble(l -> metric(metrics, "fanout_transcode_speed{stream_id=\""
                        + l.id + "\"}")).min().orElse(0);
                rows.add(new Capacity(n, slowest, cpu, rss));
                say(String.format(Locale.ROOT, "%d ladders of 720p30: slowest at %.2fx realtime, %.2f cores each", n,
                        slowest, cpu));
                if (!rows.get(rows.size() - 1).sustained()) {
                    break;
                }
            }
        } finally {
            lives.forEach(Live::close);
        }
        return rows;
    }

    private static double metric(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)(?: # .*)?$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Optional<String> get(String url) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path clip(Path runDir, int width, int height, int fps, int kbps) throws Exception {
        Path clip = runDir.resolve("clip-" + height + "p" + fps + ".flv");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-filter_complex", FrameClock.painter(width, height, fps), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(CLIP_SECONDS),
                "-c:v", "libx264", "-preset", "veryfast", "-g", Integer.toString(2 * fps), "-keyint_min",
                Integer.toString(2 * fps), "-sc_threshold", "0", "-b:v", kbps + "k", "-maxrate", kbps + "k",
                "-bufsize", kbps + "k", "-c:a", "aac", "-b:a", "128k", "-f", "flv", clip.toString())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("clips.log").toFile()).start();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("cannot encode " + clip + "; see " + runDir.resolve("clips.log"));
        }
        return clip;
    }

    private static String report(List<Speed> speeds, double playable, List<Double> delays, Viewer viewer,
            List<Capacity> capacity) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Measured %s on %s with every service of `./fanout up` running (`./fanout bench ladder`). Sources: "
                + "clips of a moving, colour-turning test pattern with a frame-number barcode, published with `-c copy`; "
                + "the default ladder (`superfast`).%n%n", LocalDate.now(), Machine.describe()));
        out.append("| source | rungs | by hand, from the file: speed | by hand, from the file: CPU per media second "
                + "| by hand, live: CPU per media second | Fanout live: speed | Fanout live: CPU per media second "
                + "(ladder + supervision) | Fanout's overhead over the same command by hand, live | Fanout: memory |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Speed s : speeds) {
            // A ladder behind live reads what the edge did not drop for it: its cost per media second is not comparable.
            boolean behind = !s.fanout().keepsUp() || !s.hand().keepsUp();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %.2fx realtime | %.2f cores | %.3f cores | %.2fx%s | %.3f cores (ladder %.3f, supervision %+.3f) | %s | %.0f MiB |%n",
                    s.source(), s.rungs(), s.file().speed(), s.file().cpuPerMediaSecond(), s.hand().cpuPerMediaSecond(),
                    s.fanout().speed(), s.fanout().keepsUp() ? "" : " (falls behind live)", s.fanoutCpuPerMediaSecond(),
                    s.fanout().cpuPerMediaSecond(), s.supervision(),
                    behind ? "not comparable (frames dropped)" : String.format(Locale.ROOT, "%+.1f %%", 100 * s.overhead()),
                    s.fanout().rssMib()));
        }
        out.append(String.format(Locale.ROOT, "%nLatency (1080p30, 2 s segments): encoder start to a playable ladder "
                + "(master and every rung with a segment) **%.1f s**; glass-to-glass from the edge to an HLS reader of "
                + "the 360p rung (ffmpeg, reading each segment as soon as it is listed), over %d frames: p50 **%.1f s**, "
                + "p95 **%.1f s**, max %.1f s.%n%nGlass-to-glass to a viewer, on a 720p30 stream (a lighter ladder, so the "
                + "browser sharing the machine does not push it behind live), its 360p rung: to the same HLS reader "
                + "p50 %.1f s, p95 %.1f s; to its player page (`/watch`, hls.js holding back three segments, as HLS asks of "
                + "players) in headless Chromium, the barcode read from every frame the video element presented, over %d "
                + "frames: p50 **%.1f s**, p95 **%.1f s**, max %.1f s.%n%n",
                playable, delays.size(), percentile(delays, 0.5), percentile(delays, 0.95),
                delays.isEmpty() ? 0 : delays.get(delays.size() - 1), percentile(viewer.reader(), 0.5),
                percentile(viewer.reader(), 0.95), viewer.browser().size(), percentile(viewer.browser(), 0.5),
                percentile(viewer.browser(), 0.95),
                viewer.browser().isEmpty() ? 0 : viewer.browser().get(viewer.browser().size() - 1)));
        out.append("| 720p30 ladders at once | slowest ladder | CPU per ladder | memory per ladder |\n|---|---|---|---|\n");
        for (Capacity c : capacity) {
            out.append(String.format(Locale.ROOT, "| %d | %.2fx realtime%s | %.2f cores | %.0f MiB |%n", c.ladders(),
                    c.slowest(), c.sustained() ? "" : " (falls behind)", c.cpuPerLadder(), c.rssPerLadderMib()));
        }
        if (!capacity.isEmpty() && capacity.get(capacity.size() - 1).sustained()) {
            out.append(String.format(Locale.ROOT, "%nEvery step kept up; the benchmark stops at %d ladders "
                    + "(`-Dfanout.bench.ladders` raises it).%n", capacity.size()));
        }
        return out.toString();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static void say(String step) {
        Console.step(step);
    }
}
