package io.fanout.publish.runner;

import java.util.UUID;

/**
 * What one push runs: read {@code sourceUrl} (or, with {@code slate}, the "we'll be right back"
 * slate instead) and copy it unchanged to {@code destinationUrl}. {@code destinationUrl} carries the
 * destination's stream key ({@code secret}): it is never logged, and runners replace {@code secret}
 * with {@code ***} in anything they log. An {@code armed} push waits at the edge for a stream that is
 * not published yet (no session): it has no read timeout until media flows, and it opens its
 * destination only then.
 */
public record PushSpec(UUID targetId, UUID streamId, UUID sessionId, String sourceUrl, boolean slate,
        String destinationUrl, String secret, boolean armed) {

    public PushSpec(UUID targetId, UUID streamId, UUID sessionId, String sourceUrl, boolean slate, String destinationUrl,
            String secret) {
        this(targetId, streamId, sessionId, sourceUrl, slate, destinationUrl, secret, false);
    }

    /** A push armed for the stream's next session, reading {@code sourceUrl} from its very first frame. */
    public static PushSpec armed(UUID targetId, UUID streamId, String sourceUrl, String destinationUrl, String secret) {
        return new PushSpec(targetId, streamId, null, sourceUrl, false, destinationUrl, secret, true);
    }

    /** The same push to another destination URL with its own key (a broadcast the network opened). */
    public PushSpec to(String otherDestinationUrl, String otherSecret) {
        return new PushSpec(targetId, streamId, sessionId, sourceUrl, slate, otherDestinationUrl, otherSecret, armed);
    }

    @Override
    public String toString() {
        return "push of target " + targetId + (armed ? " (armed)" : " (session " + sessionId + (slate ? ", slate" : "") + ")");
    }
}
