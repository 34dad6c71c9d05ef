package io.fanout.catalog.domain;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamDisabled;
import io.fanout.contracts.stream.StreamEnabled;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import java.util.Optional;

/**
 * What a stream-lifecycle event says about a stream's status: its state, its session, and the
 * sequence that orders it. Events that say nothing about the status (a key rotation) are empty.
 */
public record StreamStatus(String streamId, String partnerId, StreamState state, String sessionId, long sequence) {

    public static Optional<StreamStatus> from(FanoutEvent event) {
        if (event instanceof StreamCreated e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.IDLE, null, e.sequence()));
        }
        if (event instanceof StreamStarted e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.LIVE, e.sessionId(), e.sequence()));
        }
        if (event instanceof StreamInterrupted e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.INTERRUPTED, e.sessionId(),
                    e.sequence()));
        }
        if (event instanceof StreamResumed e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.LIVE, e.sessionId(), e.sequence()));
        }
        if (event instanceof StreamEnded e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.ENDED, e.sessionId(), e.sequence()));
        }
        if (event instanceof StreamDisabled e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.DISABLED, null, e.sequence()));
        }
        if (event instanceof StreamEnabled e) {
            return Optional.of(new StreamStatus(e.streamId(), e.partnerId(), StreamState.IDLE, null, e.sequence()));
        }
        return Optional.empty();
    }
}
