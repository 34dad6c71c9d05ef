package io.fanout.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.local.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Checks with ffprobe what an RTMP or HLS URL really carries: which streams, which codecs, which
 * picture size. {@link #awaitMedia} probes again and again until the media matches or the deadline
 * passes, which is how a test waits for a live stream to appear somewhere.
 */
public final class Probe {

    /** One elementary stream as ffprobe reports it. */
    public record Track(String type, String codec, int width, int height) {
    }

    /** What a URL carried when probed. */
    public record Media(List<Track> tracks) {

        public Optional<Track> video() {
            return tracks.stream().filter(t -> t.type().equals("video")).findFirst();
        }

        public Optional<Track> audio() {
            return tracks.stream().filter(t -> t.type().equals("audio")).findFirst();
        }

        /** H.264 video of exactly {@code width}x{@code height} and AAC audio. */
        public boolean isH264Aac(int width, int height) {
            return video().filter(v -> v.codec().equals("h264") && v.width() == width && v.height() == height).isPresent()
                    && audio().filter(a -> a.codec().equals("aac")).isPresent();
        }

        @Override
        public String toString() {
            return tracks.isEmpty() ? "no media" : tracks.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ONE_PROBE = Duration.ofSeconds(10);

    private Probe() {
    }

    /** Probes {@code url} once; an unreachable or empty URL gives media without tracks. */
    public static Media probe(String url) {
        Path out = null;
        try {
            out = Files.createTempFile("fanout-ffprobe", ".json");
            Process ffprobe = new ProcessBuilder(Tools.ffprobe(), "-v", "error", "-rw_timeout", "5000000",
                    "-show_entries", "stream=codec_type,codec_name,width,height", "-of", "json", url)
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile())
                    .start();
            if (!ffprobe.waitFor(ONE_PROBE.toMillis(), TimeUnit.MILLISECONDS)) {
                ffprobe.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Media(List.of());
            }
            return parse(Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Media(List.of());
        } finally {
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * Probes {@code url} until its media satisfies {@code expectation}.
     *
     * @throws AssertionError with the last probe's result when {@code timeout} passes first
     */
    public static Media awaitMedia(String url, Duration timeout, Predicate<Media> expectation) {
        AtomicReference<Media> last = new AtomicReference<>(new Media(List.of()));
        try {
            await("media at " + url).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        last.set(probe(url));
                        return expectation.test(last.get());
                    });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("media at " + url + " did not match within " + timeout + "; last probe: " + last.get());
        }
    }

    static Media parse(String json) throws IOException {
        if (json.isBlank()) {
            return new Media(List.of());
        }
        List<Track> tracks = new ArrayList<>();
        for (JsonNode stream : JSON.readTree(json).path("streams")) {
            tracks.add(new Track(stream.path("codec_type").asText(), stream.path("codec_name").asText(),
                    stream.path("width").asInt(0), stream.path("height").asInt(0)));
        }
        return new Media(List.copyOf(tracks));
    }
}
