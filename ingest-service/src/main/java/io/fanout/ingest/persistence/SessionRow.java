package io.fanout.ingest.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code stream_session}: one publish of a stream, from the edge's on_publish to its end
 * (a resume inside the reconnect window continues it). {@code edgeClientId} is the edge's id of the
 * publisher now feeding it; {@code bytesIn} and {@code peakBitrateKbps} are what the edge measured;
 * {@code recordingUrl} and {@code recordingSeconds} its recording, once transcode-service kept one.
 */
public record SessionRow(
        UUID id,
        UUID streamId,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        String edgeClientId,
        long bytesIn,
        long peakBitrateKbps,
        String recordingUrl,
        Double recordingSeconds) {
}
