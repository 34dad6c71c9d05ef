package io.fanout.ingest.persistence;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.ingest.domain.StreamState;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code stream}: everything about a stream except its key, which is only stored hashed.
 * {@code reconnectDeadline} is set while the stream is interrupted; {@code passthrough} is the
 * partner's own free-form text; {@code media} its ladder and recording settings.
 */
public record StreamRow(
        UUID id,
        UUID partnerId,
        String name,
        StreamState state,
        long sequence,
        int reconnectWindowSeconds,
        int maxDurationSeconds,
        String passthrough,
        StreamMedia media,
        boolean test,
        Instant createdAt,
        Instant updatedAt,
        Instant reconnectDeadline) {

    /**
     * The same stream in {@code next}, one lifecycle event further (and no reconnect deadline); an
     * {@link IllegalStateException} if {@link StreamState} does not allow it.
     */
    public StreamRow next(StreamState next, Instant at) {
        return new StreamRow(id, partnerId, name, StreamState.move(state, next), sequence + 1, reconnectWindowSeconds, maxDurationSeconds,
                passthrough, media, test, createdAt, at, null);
    }

    /** The same stream one lifecycle event further in the same state (a key rotation). */
    public StreamRow bumped(Instant at) {
        return new StreamRow(id, partnerId, name, state, sequence + 1, reconnectWindowSeconds, maxDurationSeconds,
                passthrough, media, test, createdAt, at, reconnectDeadline);
    }

    /** The same stream interrupted until {@code deadline}, one lifecycle event further. */
    public StreamRow interrupted(Instant at, Instant deadline) {
        return new StreamRow(id, partnerId, name, StreamState.move(state, StreamState.INTERRUPTED), sequence + 1, reconnectWindowSeconds,
                maxDurationSeconds, passthrough, media, test, createdAt, at, deadline);
    }

    /** The same stream with new settings; a null leaves a setting as it is. Not a lifecycle event. */
    public StreamRow withSettings(String newName, Integer newWindow, Integer newMaxDuration, String newPassthrough,
            LadderSetting newLadder, Boolean newRecord, Instant at) {
        StreamMedia newMedia = new StreamMedia(newLadder == null ? media.ladder() : newLadder,
                newRecord == null ? media.record() : newRecord);
        return new StreamRow(id, partnerId, newName == null ? name : newName, state, sequence,
                newWindow == null ? reconnectWindowSeconds : newWindow,
                newMaxDuration == null ? maxDurationSeconds : newMaxDuration,
                newPassthrough == null ? passthrough : newPassthrough, newMedia, test, createdAt, at, reconnectDeadline);
    }
}
