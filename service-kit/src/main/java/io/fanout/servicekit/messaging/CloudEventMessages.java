package io.fanout.servicekit.messaging;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
                event.occurredAt(), Json.write(event), EventTracing.currentTraceparent());
    }

    /**
     * The event a consumed record carries, read by its {@code ce_type} header.
     *
     * @throws IllegalArgumentException for a record without {@code ce_type}, of a type Fanout does not
     *     define, or with a payload that is not that type: consumers let it fail, which parks the
     *     record on the channel's dead-letter topic with this message as the reason
     */
    public static FanoutEvent read(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEvents.TYPE);
        if (type == null || type.value() == null) {
            throw new IllegalArgumentException("record without " + CloudEvents.TYPE + " header");
        }
        return Json.read(new String(type.value(), StandardCharsets.UTF_8), record.value());
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
