package io.fanout.ingest.persistence;

import io.fanout.ingest.domain.StreamState;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code stream}: everything about a stream except its key, which is only stored hashed.
 * {@code reconnectDeadline} is set while the stream is interrupted.
 */
public record StreamRow(
        UUID id,
        UUID partnerId,
        String name,
        StreamState state,
        long sequence,
        int reconnectWindowSeconds,
        boolean test,
        Instant createdAt,
        Instant updatedAt,
        Instant reconnectDeadline) {

    /** The same stream in {@code state}, one lifecycle event further (and no reconnect deadline). */
    public StreamRow next(StreamState state, Instant at) {
        return new StreamRow(id, partnerId, name, state, sequence + 1, reconnectWindowSeconds, test, createdAt, at, null);
    }

    /** The same stream interrupted until {@code deadline}, one lifecycle event further. */
    public StreamRow interrupted(Instant at, Instant deadline) {
        return new StreamRow(id, partnerId, name, StreamState.INTERRUPTED, sequence + 1, reconnectWindowSeconds, test,
                createdAt, at, deadline);
    }
}
