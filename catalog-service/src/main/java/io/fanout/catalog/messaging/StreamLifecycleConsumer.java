package io.fanout.catalog.messaging;

import io.fanout.catalog.domain.StreamStatus;
import io.fanout.catalog.service.StreamFollower;
import io.fanout.contracts.FanoutEvent;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
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
    private final EventTracing tracing;

    public StreamLifecycleConsumer(StreamFollower follower, EventTracing tracing) {
        this.follower = follower;
        this.tracing = tracing;
    }

    /** Each record in a span of its event's trace: a match goes live in its stream's go-live trace. */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, CHANNEL, () -> {
            FanoutEvent event = CloudEventMessages.read(record);
            StreamStatus.from(event).ifPresent(status -> follower.apply(Ids.checked(status), event.occurredAt()));
        });
    }
}
