package io.fanout.publish.runner;

import java.util.UUID;

/**
 * What one push runs: read {@code sourceUrl} (or, with {@code slate}, the "we'll be right back"
 * slate instead) and copy it unchanged to {@code destinationUrl}. {@code destinationUrl} carries the
 * destination's stream key ({@code secret}): it is never logged, and runners replace {@code secret}
 * with {@code ***} in anything they log.
 */
public record PushSpec(UUID targetId, UUID streamId, UUID sessionId, String sourceUrl, boolean slate,
        String destinationUrl, String secret) {

    @Override
    public String toString() {
        return "push of target " + targetId + " (session " + sessionId + (slate ? ", slate" : "") + ")";
    }
}
