package io.fanout.servicekit.messaging;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.IsoInstants;
import io.fanout.contracts.Json;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Kafka messages in CloudEvents binary mode: the JSON payload as value, the aggregate id as key,
 * the event's topic, and {@code ce_*} headers. The one place messages are made and read.
 */
public final class CloudEventMessages {

    private CloudEventMessages() {
    }

    /** A message for {@code event}, with a fresh {@code ce_id}, from {@code source}. */
    public static Message<byte[]> of(FanoutEvent event, String source) {
        EventType type = EventType.of(event);
        return of(type.topic(), type.ceType(), UUID.randomUUID().toString(), source, event.aggregateId(),
                event.occurredAt(), Json.writeValid(event), EventTracing.currentTraceparent());
    }

    /**
     * The event a consumed record carries, read by its {@code ce_type} header, once the record is
     * what the contract says a record is: the CloudEvents attributes Fanout requires
     * ({@code ce_specversion} 1.0, {@code ce_id}, {@code ce_source}, {@code ce_subject},
     * {@code ce_time} as a time,
     * {@code ce_type} of an event that travels on this topic), a payload with every required field
     * ({@link Json#read}), keyed (and {@code ce_subject}ed) by the event's aggregate id.
     *
     * @throws IllegalArgumentException naming what is wrong with a record that is not such a record:
     *     consumers let it fail, which parks the record on the channel's dead-letter topic with this
     *     message as the reason
     */
    public static FanoutEvent read(ConsumerRecord<String, byte[]> record) {
        String specVersion = header(record, CloudEvents.SPEC_VERSION);
        if (!CloudEvents.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new IllegalArgumentException(CloudEvents.SPEC_VERSION + " is " + shown(specVersion) + ", not 1.0");
        }
        for (String required : new String[] {CloudEvents.TYPE, CloudEvents.ID, CloudEvents.SOURCE, CloudEvents.SUBJECT,
            CloudEvents.TIME}) {
            String value = header(record, required);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("record without " + required + " header");
            }
        }
        try {
            IsoInstants.parse(header(record, CloudEvents.TIME));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(CloudEvents.TIME + " is not a time: " + shown(header(record, CloudEvents.TIME)));
        }
        EventType type = EventType.ofCeType(header(record, CloudEvents.TYPE));
        if (!type.topic().equals(record.topic())) {
            throw new IllegalArgumentException(type.ceType() + " travels on " + type.topic() + ", not on " + record.topic());
        }
        FanoutEvent event = Json.read(type.ceType(), record.value());
        if (!event.aggregateId().equals(record.key())) {
            throw new IllegalArgumentException("record key " + shown(record.key()) + " is not the event's id "
                    + event.aggregateId());
        }
        String subject = header(record, CloudEvents.SUBJECT);
        if (!subject.equals(record.key())) {
            throw new IllegalArgumentException(CloudEvents.SUBJECT + " " + shown(subject) + " is not the record key");
        }
        return event;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A value as a reason may quote it: at most 100 characters, null as such. */
    private static String shown(String value) {
        return value == null ? "absent" : "'" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "'";
    }

    /**
     * A message from stored attributes (the outbox keeps these rather than the record);
     * {@code traceparent} (nullable) is its CloudEvents distributed-tracing extension.
     */
    public static Message<byte[]> of(String topic, String ceType, String ceId, String source, String key, Instant time,
            byte[] payload, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> attributes = CloudEvents.headers(ceType, ceId, source, key, time);
        attributes.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        if (traceparent != null) {
            headers.add(EventTracing.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build());
    }
}
