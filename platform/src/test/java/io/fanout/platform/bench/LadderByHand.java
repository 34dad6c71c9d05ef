package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line Fanout ran for a live ladder, run by hand: on a live stream of the same clip (the
 * very same arguments, only the stream and the media directory changed), for Fanout's overhead; and
 * on the clip as a file, as fast as it goes, for the ladder's speed. A live ladder, Fanout's or by
 * hand, is measured over a window of media read from its own progress file ({@code -progress}), so
 * nothing polls transcode-service meanwhile, and transcode-service's CPU is measured alongside: what
 * it spends supervising a ladder is part of Fanout's cost.
 */
final class LadderByHand {

    /** What a live ladder and transcode-service used over a window of media. */
    record Window(double speed, double cpuPerMediaSecond, double serviceCpuPerMediaSecond, double rssMib) {

        boolean keepsUp() {
            return speed >= KEEPS_UP;
        }
    }

    /** The least speed (x realtime) of a live ladder that keeps up with live, over a window's rounding. */
    static final double KEEPS_UP = 0.98;

    /** A run on the clip as a file: its speed and CPU per media second. */
    record FromFile(double speed, double cpuPerMediaSecond) {
    }

    private static final Pattern MEDIA_ROOT = Pattern.compile("hls_segment_filename=(/[^\\]]*?)/live/");
    private static final Duration POLL = Duration.ofMillis(50);

    private LadderByHand() {
    }

    /**
     * Measures a live ladder over {@code window} of media: its speed, its CPU and transcode-service's
     * (process {@code service}) per media second, and its memory at the end.
     */
    static Window measure(ProcessHandle ladder, Path progressFile, long service, Duration window, Duration patience) {
        // ffmpeg reports once a second: the window starts and ends as a report arrives (seen within
        // POLL), so its media and its CPU cover the same stretch of time.
        Progress progress = new Progress(progressFile);
        double first = await("the ladder's progress").atMost(patience).until(progress::seconds, seconds -> seconds > 0);
        double before = await("a report of the ladder's progress").atMost(patience).pollInterval(POLL)
                .until(progress::seconds, seconds -> seconds > first);
        long ladderTicks = ProcFs.cpuTicks(ladder.pid()).orElseThrow();
        long serviceTicks = ProcFs.cpuTicks(service).orElseThrow();
        long start = System.nanoTime();
        double after = await("a window of media").atMost(window.multipliedBy(3)).pollInterval(POLL)
                .until(progress::seconds, seconds -> seconds - before >= window.toSeconds());
        double wall = (System.nanoTime() - start) / 1e9;
        double ladderCpu = (ProcFs.cpuTicks(ladder.pid()).orElseThrow() - ladderTicks) / ProcFs.TICKS_PER_SECOND;
        double serviceCpu = (ProcFs.cpuTicks(service).orElseThrow() - serviceTicks) / ProcFs.TICKS_PER_SECOND;
        double media = after - before;
        return new Window(media / wall, ladderCpu / media, serviceCpu / media,
                ProcFs.rssKib(ladder.pid()).orElse(0) / 1024.0);
    }

    /** The progress file a ladder's command line writes ({@code -progress <file>}). */
    static Path progressFile(List<String> arguments) {
        int at = arguments.indexOf("-progress");
        if (at < 0 || at + 1 >= arguments.size()) {
            throw new IllegalStateException("the ladder reports no progress: " + arguments);
        }
        return Path.of(arguments.get(at + 1));
    }

    /**
     * A ladder's progress file, read as it grows: each read takes only what was appended, and the
     * media time is ffmpeg's {@code out_time_us} of the last complete line.
     */
    private static final class Progress {
        private static final String OUT_TIME = "out_time_us=";
        private final Path file;
        private final StringBuilder partial = new StringBuilder();
        private long offset;
        private long outTimeMicros;

        Progress(Path file) {
            this.file = file;
        }

        /** Media seconds the last complete report says are done (0 before the first). */
        synchronized double seconds() {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                channel.position(offset);
                ByteBuffer appended = ByteBuffer.allocate((int) Math.max(0, channel.size() - offset));
                while (appended.hasRemaining()) {
                    if (channel.read(appended) <= 0) {
                        break;
                    }
                }
                offset += appended.position();
                partial.append(new String(appended.array(), 0, appended.position(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return outTimeMicros / 1e6; // not written yet
            }
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, end).trim();
                partial.delete(0, end + 1);
                String value = line.startsWith(OUT_TIME) ? line.substring(OUT_TIME.length()) : "";
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) { // "N/A" before the first frame
                    outTimeMicros = Long.parseLong(value);
                }
            }
            return outTimeMicros / 1e6;
        }
    }

    /**
     * Fanout's live ladder command (its arguments as the process table shows them) for another stream:
     * the source read from {@code streamId}'s ingest, its relays published as that stream's, its HLS
     * and progress written under {@code scratch} instead of transcode-service's media directory.
     */
    static List<String> liveCommand(List<String> fanout, String fanoutStream, String streamId, Path scratch)
            throws IOException {
        String media = mediaRoot(fanout);
        List<String> command = new ArrayList<>(List.of("ffmpeg"));
        for (String arg : fanout) {
            command.add(arg.replace(media, scratch.toString()).replace(fanoutStream, streamId));
        }
        createParents(command, scratch);
        return command;
    }

    /** The same ladder on the clip as a file, as fast as it goes, its outputs (HLS, relays) files under {@code scratch}. */
    static FromFile fromFile(List<String> fanout, Path clip, int clipSeconds, Path scratch, Path log) throws Exception {
        List<String> command = fileCommand(fanout, clip, scratch);
        long start = System.nanoTime();
        Process hand = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (hand.waitFor() != 0) {
            throw new IllegalStateException("the ladder by hand failed; see " + log);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // ffmpeg's -benchmark prints the CPU it used as it ends: "bench: utime=41.2s stime=0.3s rtime=21.6s".
        Matcher bench = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s").matcher(Files.readString(log));
        if (!bench.find()) {
            throw new IllegalStateException("ffmpeg reported no CPU time; see " + log);
        }
        double cpu = Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2));
        return new FromFile(clipSeconds / wall, cpu / clipSeconds);
    }

    /** The rungs the command encodes or passes through, tallest first ("1080p 720p 480p 360p"). */
    static String rungs(List<String> fanout) {
        return String.join(" ", fanout.stream().filter(a -> a.contains("index.m3u8|"))
                .map(a -> a.replaceAll(".*/([0-9]+p)/index\\.m3u8\\|.*", "$1")).toList());
    }

    private static List<String> fileCommand(List<String> live, Path clip, Path scratch) throws IOException {
        String media = mediaRoot(live);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel",
                "info", "-y", "-benchmark"));
        Pattern relay = Pattern.compile("(rtmp://[^/]+/[^/]+)/");
        for (int i = 0; i < live.size(); i++) {
            String arg = live.get(i);
            if (i > 0 && live.get(i - 1).equals("-i")) {
                arg = clip.toString();
            } else if (arg.startsWith("[f=hls")) {
                arg = arg.replace(media, scratch.toString());
                Matcher r = relay.matcher(arg);
                if (r.find()) {
                    arg = arg.replace(r.group(1) + "/", scratch + "/relay-").replace("onfail=ignore]", "onfail=ignore]file:");
                }
            }
            if (List.of("-progress", "-stats_period", "-rw_timeout", "-loglevel").contains(arg)) {
                i++;
                continue;
            }
            if (List.of("-hide_banner", "-nostdin").contains(arg)) {
                continue;
            }
            command.add(arg);
        }
        createParents(command, scratch);
        return command;
    }

    private static String mediaRoot(List<String> arguments) {
        return arguments.stream().map(MEDIA_ROOT::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no HLS output in the ladder's arguments: " + arguments));
    }

    /** Creates the directory of every file the command writes under {@code scratch}. */
    private static void createParents(List<String> command, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Pattern path = Pattern.compile(Pattern.quote(scratch.toString()) + "[^|\\]\\s]*");
        for (String arg : command) {
            Matcher m = path.matcher(arg);
            while (m.find()) {
                Path file = Path.of(m.group());
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            }
        }
    }
}
