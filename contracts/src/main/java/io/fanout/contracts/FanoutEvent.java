package io.fanout.contracts;

/**
 * What every event record on a Fanout topic has in common: the id of the aggregate it is about,
 * which is also its Kafka record key so that per-aggregate order holds, and the moment it happened.
 */
public interface FanoutEvent {

    /** The Kafka record key: a stream id, a target id, an event id or {@code provider:fixtureId}. */
    String aggregateId();

    /** When the change the event describes happened (also its CloudEvents {@code ce_time}). */
    java.time.Instant occurredAt();
}
