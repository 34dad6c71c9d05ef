package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.publish.service.PushService;
import io.fanout.publish.service.PushSupervisor;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code stream-health}: each measurement of a live ingest is checked against the
 * networks' limits of the stream's pushes (preflight); a live picture of another size may move
 * pushes to or from a rendition relay. Unreadable records go to
 * {@code stream-health.dlq} while the consumer goes on.
 */
@ApplicationScoped
public class StreamHealthConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "stream-health";

    private final PushService pushes;
    private final PushSupervisor supervisor;

    public StreamHealthConsumer(PushService pushes, PushSupervisor supervisor) {
        this.pushes = pushes;
        this.supervisor = supervisor;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        if (event instanceof StreamHealth health && pushes.healthMeasured(health)) {
            supervisor.sourcesChanged(UUID.fromString(health.streamId()));
        }
    }
}
