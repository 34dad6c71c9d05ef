package io.fanout.transcode.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.SourceMedia;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks ffprobe what a live source carries (codec, size, frame rate, declared bitrate, profile,
 * level, audio) before its ladder is planned: rungs above the source are never encoded, and an
 * H.264 source that fits is passed through. RTMP carries the encoder's metadata and codec headers
 * first, so a short analysis is enough.
 */
@ApplicationScoped
public class SourceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranscodeConfig config;

    public SourceProbe(TranscodeConfig config) {
        this.config = config;
    }

    /** Probes {@code url}; throws {@link IOException} with ffprobe's reason when the source cannot be read. */
    public SourceMedia probe(String url) throws IOException {
        long timeoutMicros = config.ioTimeout().toNanos() / 1000;
        Process process = new ProcessBuilder(List.of(config.ffprobe(), "-v", "error", "-rw_timeout",
                Long.toString(timeoutMicros), "-analyzeduration", "1500000", "-show_streams", "-of", "json", url))
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
