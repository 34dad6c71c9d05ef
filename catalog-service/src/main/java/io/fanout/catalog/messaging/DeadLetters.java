package io.fanout.catalog.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Parks an upstream fixture record the batch consumer cannot apply on {@code upstream-fixtures.dlq}:
 * the same key, value and headers, plus the headers SmallRye's own dead-letter strategy writes
 * ({@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}), so every
 * dead-letter topic of Fanout reads the same. It waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class DeadLetters {

    /** Outgoing channel to {@code upstream-fixtures.dlq}. */
    public static final String CHANNEL = "upstream-fixtures-dlq";

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void park(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        emitter.sendMessageAndAwait(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                        .build()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
