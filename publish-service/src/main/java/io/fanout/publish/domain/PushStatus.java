package io.fanout.publish.domain;

import java.time.Instant;

/**
 * A push as its partner sees it in the targets view: its state and attempt in the stream's current
 * session, the reason of its last change (a retry's, an exhaustion's, a failure's, a stop's), since
 * when it is in that state, the current attempt's bytes written and bitrate as its runner last
 * reported them (every few seconds; the bitrate is 0 unless broadcasting), and for networks with an
 * API the broadcast's id there and its state ({@code created}, {@code live}, {@code ended}).
 */
public record PushStatus(PushState state, int attempt, String reason, Instant since, long bytesSent, int bitrateKbps,
        Instant progressAt, String broadcastId, String broadcastState) {
}
