package io.fanout.servicekit.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Parks a record a batch consumer cannot apply on its dead-letter topic, as SmallRye's own
 * dead-letter strategy would: the same key, value and headers, plus {@code dead-letter-reason},
 * {@code -topic}, {@code -partition} and {@code -offset}, so every dead-letter topic of Fanout reads
 * the same whoever parked the record. The consumer goes on with the rest of its poll.
 */
public final class DeadLetter {

    private static final Logger LOG = Logger.getLogger(DeadLetter.class);

    private DeadLetter() {
    }

    /** Sends the record with the reason to {@code deadLetters} (the topic's channel) and waits for the broker's acknowledgement. */
    public static void park(MutinyEmitter<byte[]> deadLetters, ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("record %s of %s parked on its dead-letter topic: %s", record.key(), record.topic(), reason);
        deadLetters.sendMessageAndAwait(of(record, reason));
    }

    static Message<byte[]> of(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        return Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
