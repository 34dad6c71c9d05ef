package io.fanout.contracts;

import java.util.List;

/**
 * Kafka topic names, the only channel between Fanout's services. Producers, consumers, tests and
 * the deployment manifests all use these constants so that a topic is named in exactly one place.
 */
public final class Topics {

    public static final String STREAM_LIFECYCLE = "stream-lifecycle";
    public static final String STREAM_HEALTH = "stream-health";
    public static final String RENDITIONS = "renditions";
    public static final String PUSH_STATUS = "push-status";
    public static final String DESTINATIONS = "destinations";
    public static final String CATALOG_EVENTS = "catalog-events";
    public static final String UPSTREAM_FIXTURES = "upstream-fixtures";
    public static final String PARTNER_CREDENTIALS = "partner-credentials";

    /** Every topic that carries events, in the order of the platform's design. */
    public static final List<String> ALL = List.of(
            STREAM_LIFECYCLE, STREAM_HEALTH, RENDITIONS, PUSH_STATUS, DESTINATIONS, CATALOG_EVENTS, UPSTREAM_FIXTURES,
            PARTNER_CREDENTIALS);

    /** Suffix of the dead-letter topic where a consumer parks what it could not process. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}; it keeps the source record's key. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
