package io.fanout.transcode.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.SourceMedia;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Finds out what a live source carries (codec, size, frame rate, bitrate, profile, level, audio)
 * before its ladder is planned: rungs above the source are never encoded, and an H.264 source that
 * fits is passed through. The edge's {@code /stat} answers at once when it is configured and has the
 * encoder's metadata (asked again by its caller within {@link #STAT_PATIENCE}); otherwise ffprobe reads
 * the source.
 */
@ApplicationScoped
public class SourceProbe {

    /**
     * How much of the source ffprobe reads before answering. The edge sends a new reader video only
     * from the next keyframe, so this must outlast the usual keyframe interval (2 s) or the video
     * goes unseen.
     */
    static final String ANALYZE_MICROS = "3000000";
    private static final long ANALYZE_MILLIS = 3000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long the edge may take to show the encoder's metadata after the session started. */
    public static final Duration STAT_PATIENCE = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(SourceProbe.class);

    private final TranscodeConfig config;
    private final Optional<EdgeStat> stat;

    public SourceProbe(TranscodeConfig config) {
        this.config = config;
        String source = config.sourceUrl();
        this.stat = config.edgeStatUrl()
                .map(url -> new EdgeStat(url, source.substring(source.lastIndexOf('/') + 1)));
    }

    /**
     * What the edge says of the stream's source, in one read of its {@code /stat}; empty when no edge
     * is configured, it does not have the encoder's metadata yet, or it cannot be read. A caller that
     * gets nothing asks again (within {@link #STAT_PATIENCE}) or falls back to {@link #ffprobe}.
     */
    public Optional<SourceMedia> fromEdge(String streamId) {
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        try {
            return stat.get().source(streamId);
        } catch (IOException e) {
            LOG.warnf("stream %s: the edge's stat cannot be read (%s)", streamId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether an edge {@code /stat} is configured: worth asking again before probing the source. */
    public boolean readsEdge() {
        return stat.isPresent();
    }

    /** What the stream's source carries, read by ffprobe; throws {@link IOException} with the reason. */
    public SourceMedia ffprobe(String streamId) throws IOException {
        return ffprobeUrl(config.sourceUrl() + "/" + streamId);
    }

    /**
     * Probes with a deadline of its own: {@code -rw_timeout} cannot end the wait for a source that is
     * not published, since the edge keeps such readers waiting and pings them (each ping is data read).
     */
    private SourceMedia ffprobeUrl(String url) throws IOException {
        long timeoutMicros = config.ioTimeout().toNanos() / 1000;
        Path out = Files.createTempFile("fanout-probe", ".json");
        Path errors = Files.createTempFile("fanout-probe", ".err");
        Process process = new ProcessBuilder(List.of(config.ffprobe(), "-v", "error", "-rw_timeout",
                Long.toString(timeoutMicros), "-analyzeduration", ANALYZE_MICROS, "-show_streams", "-of", "json", url))
                .redirectOutput(out.toFile()).redirectError(errors.toFile()).start();
        try {
            long deadline = config.ioTimeout().toMillis() + ANALYZE_MILLIS;
            if (!process.waitFor(deadline, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException("cannot read the source: nothing within " + deadline / 1000 + " s");
            }
            String err = Files.readString(errors, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException("cannot read the source: " + (err.isEmpty() ? "ffprobe exit " + process.exitValue()
                        : err.lines().reduce((first, last) -> last).orElse(err)));
            }
            return parse(JSON.readTree(Files.readAllBytes(out)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errors);
        }
    }

    static SourceMedia parse(JsonNode probe) throws IOException {
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : probe.path("streams")) {
            String type = stream.path("codec_type").asText();
            if ("video".equals(type) && video == null) {
                video = stream;
            } else if ("audio".equals(type) && audio == null) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new IOException("the source has no video");
        }
        return new SourceMedia(video.path("codec_name").asText(), video.path("width").asInt(),
                video.path("height").asInt(), rate(video.path("avg_frame_rate").asText(video.path("r_frame_rate").asText())),
                (int) (video.path("bit_rate").asLong(0) / 1000), video.path("profile").asText(null),
                video.path("level").asInt(0), audio == null ? null : audio.path("codec_name").asText(),
                audio == null ? 0 : (int) (audio.path("bit_rate").asLong(0) / 1000));
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(fraction);
            return Double.isFinite(value) ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
