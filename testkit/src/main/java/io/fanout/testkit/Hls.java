package io.fanout.testkit;

import io.fanout.local.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HLS as a player sees it, for tests: playlists fetched over HTTP and read line by line (RFC 8216),
 * keyframe timestamps of a segment as ffprobe reports them, and a reader that plays a URL with
 * ffmpeg for a while and says how much media it got.
 */
public final class Hls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

    private Hls() {
    }

    /** One {@code EXT-X-STREAM-INF} of a master playlist: its attributes (quotes removed) and its URI. */
    public record Variant(Map<String, String> attributes, URI uri) {
    }

    /** One media segment: its duration, URI and whether a discontinuity comes before it. */
    public record Segment(double seconds, URI uri, boolean discontinuity) {
    }

    /** A media playlist: its media sequence, segments, and whether it is closed ({@code EXT-X-ENDLIST}). */
    public record MediaPlaylist(long mediaSequence, List<Segment> segments, boolean ended) {
        public double seconds() {
            return segments.stream().mapToDouble(Segment::seconds).sum();
        }

        public long discontinuities() {
            return segments.stream().filter(Segment::discontinuity).count();
        }
    }

    /** The HTTP answer to a GET: status, headers and body. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    public static Answer get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Downloads {@code url} into {@code directory} (a live window deletes segments soon: analyse a
     * copy); returns the file.
     */
    public static java.nio.file.Path download(String url, java.nio.file.Path directory) {
        try {
            java.nio.file.Files.createDirectories(directory);
            String name = URI.create(url).getPath().replaceAll("[^A-Za-z0-9_.-]", "_");
            HttpResponse<java.nio.file.Path> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofFile(directory.resolve(name)));
            if (response.statusCode() != 200) {
                throw new AssertionError("cannot download " + url + ": " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The variants of the master playlist at {@code url}; fails unless it answers 200 with a master playlist. */
    public static List<Variant> master(String url) {
        Answer answer = get(url);
        if (answer.status() != 200 || !answer.body().startsWith("#EXTM3U")) {
            throw new AssertionError("no master playlist at " + url + ": " + answer.status());
        }
        List<Variant> variants = new ArrayList<>();
        Map<String, String> pending = null;
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pending = attributes(line.substring("#EXT-X-STREAM-INF:".length()));
            } else if (pending != null && !line.isBlank() && !line.startsWith("#")) {
                variants.add(new Variant(pending, URI.create(url).resolve(line.trim())));
                pending = null;
            }
        }
        return variants;
    }

    /** The media playlist at {@code url}; fails unless it answers 200. */
    public static MediaPlaylist media(String url) {
        Answer answer = get(url);
        if (answer.status() != 200 || !answer.body().startsWith("#EXTM3U")) {
            throw new AssertionError("no media playlist at " + url + ": " + answer.status());
        }
        long sequence = 0;
        boolean ended = false;
        boolean discontinuity = false;
        double seconds = -1;
        List<Segment> segments = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(line.substring("#EXT-X-MEDIA-SEQUENCE:".length()).trim());
            } else if (line.startsWith("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.startsWith("#EXTINF:")) {
                seconds = Double.parseDouble(line.substring("#EXTINF:".length()).split(",")[0]);
            } else if (line.startsWith("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (!line.isBlank() && !line.startsWith("#") && seconds >= 0) {
                segments.add(new Segment(seconds, URI.create(url).resolve(line.trim()), discontinuity));
                discontinuity = false;
                seconds = -1;
            }
        }
        return new MediaPlaylist(sequence, List.copyOf(segments), ended);
    }

    /** The presentation times (seconds) of the video keyframes in the media at {@code url}. */
    public static List<Double> keyframeTimes(String url) {
        List<String> lines = run(List.of(Tools.ffprobe(), "-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
                "-show_entries", "frame=pts_time", "-of", "csv=p=0", url), Duration.ofSeconds(30));
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).map(l -> Double.parseDouble(l.replace(",", "")))
                .toList();
    }

    /** The bytes of video packets in the media at {@code url} (its video bitrate over its duration). */
    public static long videoBytes(String url) {
        return run(List.of(Tools.ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size",
                "-of", "csv=p=0", url), Duration.ofSeconds(30)).stream().map(String::trim).filter(l -> !l.isEmpty())
                .mapToLong(l -> Long.parseLong(l.replace(",", ""))).sum();
    }

    /** ffprobe's JSON for {@code url} with {@code entries} ({@code -show_entries}), e.g. {@code program_tags:stream=width}. */
    public static String ffprobe(String url, List<String> options) {
        List<String> command = new ArrayList<>(List.of(Tools.ffprobe(), "-v", "error", "-of", "json"));
        command.addAll(options);
        command.add(url);
        return String.join("\n", run(command, Duration.ofSeconds(30)));
    }

    /**
     * Reads {@code url} with ffmpeg (no decoding: copies into nothing) as a player would, until
     * {@link Reader#stop()}; {@link Reader#mediaSeconds()} says how much media it has read.
     */
    public static Reader read(String url) {
        return new Reader(url);
    }

    /** An ffmpeg reading a URL in the background. */
    public static final class Reader implements AutoCloseable {
        private static final Pattern OUT_TIME = Pattern.compile("out_time_us=(\\d+)");
        private final Process process;
        private volatile long outTimeMicros;

        private Reader(String url) {
            try {
                process = new ProcessBuilder(Tools.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error",
                        "-progress", "pipe:1", "-stats_period", "0.5", "-i", url, "-map", "0", "-c", "copy", "-f", "null", "-")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread thread = new Thread(() -> {
                try (var lines = process.inputReader()) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        Matcher m = OUT_TIME.matcher(line);
                        if (m.matches()) {
                            outTimeMicros = Math.max(outTimeMicros, Long.parseLong(m.group(1)));
                        }
                    }
                } catch (IOException closed) {
                    // the reader ended
                }
            }, "hls-reader");
            thread.setDaemon(true);
            thread.start();
        }

        public double mediaSeconds() {
            return outTimeMicros / 1e6;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public void stop() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    static Map<String, String> attributes(String list) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String value = m.group(2);
            attributes.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return attributes;
    }

    private static List<String> run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = process.inputReader().lines().toList();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command.get(0));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
