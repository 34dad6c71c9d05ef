package io.fanout.contracts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 in Kafka binary mode: the event's attributes travel as {@code ce_*} record
 * headers and the record value is the JSON payload. This class names the headers and builds the
 * full set for one event, so producers (and the outbox that stores headers for later) agree on them.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEvents() {
    }

    /**
     * The headers for {@code event}, produced by {@code source} (a URI reference such as
     * {@code /fanout/ingest-service}), with a fresh id. Subject is the aggregate id.
     */
    public static Map<String, String> headers(FanoutEvent event, String source) {
        return headers(event, source, UUID.randomUUID().toString());
    }

    /** As {@link #headers(FanoutEvent, String)} with a given id, for producers that retry. */
    public static Map<String, String> headers(FanoutEvent event, String source, String id) {
        return headers(EventType.of(event).ceType(), id, source, event.aggregateId(), event.occurredAt());
    }

    /** The headers from stored attributes, for an outbox relay that no longer holds the record. */
    public static Map<String, String> headers(String type, String id, String source, String subject, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(ID, id);
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        headers.put(SUBJECT, subject);
        headers.put(TIME, format(time));
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }

    private static String format(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }
}
