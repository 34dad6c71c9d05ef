package io.fanout.catalog.messaging;

import io.fanout.catalog.domain.StreamStatus;
import io.fanout.catalog.persistence.StreamStatusRepository;
import io.fanout.contracts.FanoutEvent;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code stream-lifecycle} and keeps each stream's current status. The write commits
 * before the record is acknowledged; older or repeated events change nothing. A record it cannot
 * read goes to {@code stream-lifecycle.dlq} and the consumer goes on.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    private final StreamStatusRepository statuses;

    public StreamLifecycleConsumer(StreamStatusRepository statuses) {
        this.statuses = statuses;
    }

    @Incoming("stream-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        StreamStatus.from(event).ifPresent(status -> statuses.apply(status, event.occurredAt()));
    }
}
