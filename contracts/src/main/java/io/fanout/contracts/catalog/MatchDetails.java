package io.fanout.contracts.catalog;

import java.time.Instant;
import java.util.List;

/**
 * What the catalog knows of a match: what it is, where and when, the stream that carries it (null
 * until one is assigned) and its destination plan (the partner's destinations it is simulcast to).
 */
public record MatchDetails(
        String sport,
        String competition,
        List<String> participants,
        String venue,
        Instant scheduledStart,
        Instant scheduledEnd,
        String streamId,
        List<String> destinationIds) {
}
