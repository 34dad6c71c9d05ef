package io.fanout.contracts.transcode;

import io.fanout.contracts.FanoutEvent;
import java.time.Instant;
import java.util.List;

/**
 * transcode-service started a session's rendition ladder: one decode, the given rungs (highest first)
 * encoded with aligned keyframes, every rung's playlist playable. {@code playerUrl} is the HLS master
 * playlist listing the rungs (what any HLS player plays; the same URL for every session of the
 * stream); {@code pageUrl} is the platform's player page for the stream, which plays it in a browser.
 */
public record LadderStarted(
        String streamId,
        String partnerId,
        String sessionId,
        Instant occurredAt,
        String playerUrl,
        String pageUrl,
        List<Rung> rungs) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return streamId;
    }
}
