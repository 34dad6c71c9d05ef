package io.fanout.catalog.messaging;

import io.fanout.catalog.domain.StreamStatus;
import io.fanout.catalog.service.StreamFollower;
import io.fanout.contracts.FanoutEvent;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code stream-lifecycle}: each stream's status, and the matches bound to it follow
 * ({@link StreamFollower}). The change commits before the record is acknowledged; older or repeated
 * events change nothing. A record it cannot read goes to {@code stream-lifecycle.dlq} and the
 * consumer goes on.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "stream-lifecycle";

    private final StreamFollower follower;

    public StreamLifecycleConsumer(StreamFollower follower) {
        this.follower = follower;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        StreamStatus.from(event).ifPresent(status -> follower.apply(Ids.checked(status), event.occurredAt()));
    }
}
