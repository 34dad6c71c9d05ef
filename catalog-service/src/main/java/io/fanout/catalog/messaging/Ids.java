package io.fanout.catalog.messaging;

import io.fanout.catalog.domain.StreamStatus;
import java.util.UUID;

/**
 * Checks the ids an event carries before anything is written: an id that is not a UUID makes the
 * record poison (parked on its dead-letter topic with the field named), not a failed statement.
 */
final class Ids {

    private Ids() {
    }

    static String uuid(String field, String value) {
        try {
            UUID.fromString(value == null ? "" : value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " " + (value == null ? "(none)" : "'" + value + "'")
                    + " is not a UUID");
        }
    }

    static StreamStatus checked(StreamStatus status) {
        uuid("streamId", status.streamId());
        uuid("partnerId", status.partnerId());
        if (status.sessionId() != null) {
            uuid("sessionId", status.sessionId());
        }
        return status;
    }
}
