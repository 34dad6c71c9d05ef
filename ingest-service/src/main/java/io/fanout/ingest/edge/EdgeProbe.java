package io.fanout.ingest.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.Json;
import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.IngestHealth;
import io.fanout.ingest.edge.EdgeClient.EdgeStream;
import io.fanout.ingest.domain.IngestHealth.Packet;
import io.fanout.ingest.domain.IngestHealth.Track;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Measures a live stream's ingest by reading a few seconds of it from the edge with ffprobe
 * (packets only, nothing decoded, so a probe costs little CPU). The keyframe interval is what the
 * edge's statistics cannot tell.
 */
@ApplicationScoped
public class EdgeProbe {

    private static final Logger LOG = Logger.getLogger(EdgeProbe.class);

    private final IngestConfig config;
    private final EdgeClient edge;

    public EdgeProbe(IngestConfig config, EdgeClient edge) {
        this.config = config;
        this.edge = edge;
    }

    /**
     * The health of {@code before}'s next few seconds on the edge; empty if nothing could be read, or
     * if the sample does not describe one publisher from its start to its end. The edge's statistics are
     * asked about the stream once the sample is read: the same publisher must still be
     * there, published since before the sample began. A sample cut short by an edge restart or by the
     * encoder reconnecting holds what came before the cut (often only audio: the edge starts a new
     * reader's video at the next keyframe) and would describe a stream that no longer exists. The edge's
     * statistics also tell of a video track whose keyframes did not reach the sample.
     */
    public Optional<IngestHealth> measure(EdgeStream before) {
        String source = config.edgeRtmpUrl().orElse(config.ingestUrl()) + "/" + before.name();
        Duration sample = config.healthSample();
        List<String> command = List.of(config.ffprobe(), "-v", "error", "-rw_timeout", "5000000",
                "-read_intervals", "%+" + sample.toMillis() / 1000.0,
                "-show_entries", "stream=index,codec_type,codec_name,width,height,bit_rate:packet=stream_index,pts_time,size,flags",
                "-of", "json", source);
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warnf("cannot run %s for health probes: %s", config.ffprobe(), e.getMessage());
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            JsonNode result = Json.mapper().readTree(out);
            if (!process.waitFor(sample.toSeconds() + 15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Duration read = Duration.ofNanos(System.nanoTime() - started);
            Optional<EdgeStream> after = edge.publishing(before.name()).filter(now -> samePublisherThroughout(before, now, read));
            if (after.isEmpty()) {
                LOG.debugf("health sample of %s discarded: its publisher left or changed while it was read", before.name());
            }
            return after.flatMap(now -> parse(result, now));
        } catch (IOException e) {
            LOG.debugf("health probe of %s failed: %s", before.name(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Whether {@code now} is the publisher {@code before} saw, on the edge for all the {@code read}
     * the sample took. The client id alone could repeat after an edge restart (a new nginx counts
     * from one again) and the stream's age alone survives an encoder reconnecting while readers stay
     * (nginx keeps the stream while it has players): together they tell.
     */
    static boolean samePublisherThroughout(EdgeStream before, EdgeStream now, Duration read) {
        return now.publisherClientId().equals(before.publisherClientId()) && now.age().compareTo(read) >= 0;
    }

    static Optional<IngestHealth> parse(JsonNode result, EdgeStream onEdge) {
        if (result == null || !result.path("packets").isArray() || result.path("packets").isEmpty()) {
            return Optional.empty();
        }
        List<Track> tracks = new ArrayList<>();
        for (JsonNode s : result.path("streams")) {
            tracks.add(new Track(s.path("index").asInt(), s.path("codec_type").asText(), s.path("codec_name").asText(null),
                    s.path("width").asInt(), s.path("height").asInt(), s.path("bit_rate").asLong(0), onEdge.frameRate()));
        }
        // Tracks the edge knows of but the sample did not reach get an index no packet has.
        if (onEdge.videoCodec() != null && tracks.stream().noneMatch(t -> "video".equals(t.type()))) {
            tracks.add(new Track(-1, "video", onEdge.videoCodec(), onEdge.width(), onEdge.height(), 0, onEdge.frameRate()));
        }
        if (onEdge.audioCodec() != null && tracks.stream().noneMatch(t -> "audio".equals(t.type()))) {
            tracks.add(new Track(-2, "audio", onEdge.audioCodec(), 0, 0, 0, 0));
        }
        List<Packet> packets = new ArrayList<>();
        for (JsonNode p : result.path("packets")) {
            if (p.hasNonNull("pts_time")) {
                packets.add(new Packet(p.path("stream_index").asInt(), p.path("pts_time").asDouble(),
                        p.path("size").asLong(), p.path("flags").asText("").startsWith("K")));
            }
        }
        return Optional.of(IngestHealth.measure(tracks, packets));
    }
}
