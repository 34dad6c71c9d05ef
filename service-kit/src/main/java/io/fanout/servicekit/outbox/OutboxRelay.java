package io.fanout.servicekit.outbox;

import io.fanout.contracts.CloudEvents;
import io.fanout.servicekit.outbox.OutboxRepository.Pending;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Relays the transactional outbox to Kafka. Each run locks a batch of pending events
 * ({@code SKIP LOCKED}, so concurrent relays share the work instead of duplicating it), sends them in
 * order with CloudEvents headers and waits for every acknowledgement ({@code acks=all}, idempotent
 * producer) before marking them published in the same transaction. A crash between send and commit
 * sends those events again with the same {@code ce_id}: at least once, deduplicated by consumers.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel of the relay; its topic is set per record. Each service configures it. */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;

    public OutboxRelay(OutboxRepository outbox, @Channel(CHANNEL) MutinyEmitter<byte[]> emitter, OutboxConfig config) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
    }

    @Scheduled(every = "${fanout.outbox.poll-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void relay() {
        List<Pending> pending = outbox.lockPending(config.batchSize());
        if (pending.isEmpty()) {
            return;
        }
        for (Pending event : pending) {
            emitter.sendMessageAndAwait(toMessage(event, config.source()));
        }
        outbox.markPublished(pending, Instant.now());
        LOG.debugf("relayed %d events", pending.size());
    }

    private static Message<byte[]> toMessage(Pending event, String source) {
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.headers(event.ceType(), event.ceId().toString(), source, event.key(), event.ceTime())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Message.of(event.payload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .withHeaders(headers)
                .build());
    }
}
