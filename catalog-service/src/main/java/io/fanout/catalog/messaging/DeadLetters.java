package io.fanout.catalog.messaging;

import io.fanout.servicekit.messaging.DeadLetter;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Parks an upstream fixture record the batch consumer cannot apply on {@code upstream-fixtures.dlq}
 * ({@link DeadLetter}: as SmallRye's own dead-letter strategy would). It waits for the broker's
 * acknowledgement.
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
        emitter.sendMessageAndAwait(DeadLetter.of(record, reason));
    }
}
