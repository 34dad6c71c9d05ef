package io.fanout.transcode.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.SourceMedia;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Finds out what a live source carries (codec, size, frame rate, bitrate, profile, level, audio)
 * before its ladder is planned: rungs above the source are never encoded, and an H.264 source that
 * fits is passed through. The edge's {@code /stat} answers at once when it is configured and has the
 * encoder's metadata (within {@link #STAT_PATIENCE}); otherwise ffprobe reads the source.
 */
@ApplicationScoped
public class SourceProbe {

    /**
     * How much of the source ffprobe reads before answering. The edge sends a new reader video only
     * from the next keyframe, so this must outlast the usual keyframe interval (2 s) or the video
     * goes unseen.
     */
    static final String ANALYZE_MICROS = "3000000";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long the edge may take to show the encoder's metadata after the session started. */
    static final Duration STAT_PATIENCE = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(SourceProbe.class);

    private final TranscodeConfig config;
    private final Optional<EdgeStat> stat;

    public SourceProbe(TranscodeConfig config) {
        this.config = config;
        String source = config.sourceUrl();
        this.stat = config.edgeStatUrl()
                .map(url -> new EdgeStat(url, source.substring(source.lastIndexOf('/') + 1)));
    }

    /** What the stream's source carries; throws {@link IOException} with the reason when it cannot be read. */
    public SourceMedia probe(String streamId) throws IOException {
        if (stat.isPresent()) {
            long deadline = System.nanoTime() + STAT_PATIENCE.toNanos();
            try {
                do {
                    Optional<SourceMedia> media = stat.get().source(streamId);
                    if (media.isPresent()) {
                        return media.get();
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                } while (System.nanoTime() < deadline);
            } catch (IOException e) {
                LOG.warnf("stream %s: the edge's stat cannot be read (%s); probing the source", streamId, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the edge's stat", e);
            }
        }
        return ffprobe(config.sourceUrl() + "/" + streamId);
    }

    private SourceMedia ffprobe(String url) throws IOException {
        long timeoutMicros = config.ioTimeout().toNanos() / 1000;
        Process process = new ProcessBuilder(List.of(config.ffprobe(), "-v", "error", "-rw_timeout",
                Long.toString(timeoutMicros), "-analyzeduration", ANALYZE_MICROS, "-show_streams", "-of", "json", url))
                .start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(config.ioTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffprobe did not answer");
            }
            if (process.exitValue() != 0) {
                throw new IOException("cannot read the source: " + (err.isEmpty() ? "ffprobe exit " + process.exitValue()
                        : err.lines().reduce((first, last) -> last).orElse(err)));
            }
            return parse(JSON.readTree(out));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing", e);
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
