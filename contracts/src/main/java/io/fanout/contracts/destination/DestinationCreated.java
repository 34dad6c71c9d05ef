package io.fanout.contracts.destination;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.push.Network;
import java.time.Instant;

/**
 * A partner added a destination (a network account or an RTMP(S) endpoint). What others may know of
 * it: its owner, name and network; its URL, key and token never leave publish-service.
 */
public record DestinationCreated(
        String destinationId,
        String partnerId,
        Instant occurredAt,
        String name,
        Network network) implements FanoutEvent {

    @Override
    public String aggregateId() {
        return destinationId;
    }
}
