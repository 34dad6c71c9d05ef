package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.publish.service.PushService;
import io.fanout.publish.service.PushSupervisor;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code renditions}: a ready relay ({@code rendition.ready}) can be read by pushes to
 * destinations that take fewer lines than the live picture; a stopped or failed ladder takes its
 * session's relays away, and pushes reading them go back to the live picture. Records that are not
 * Fanout events go to {@code renditions.dlq} while the consumer goes on.
 */
@ApplicationScoped
public class RenditionsConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "renditions";

    private final PushService pushes;
    private final PushSupervisor supervisor;

    public RenditionsConsumer(PushService pushes, PushSupervisor supervisor) {
        this.pushes = pushes;
        this.supervisor = supervisor;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        boolean changed = false;
        if (event instanceof RenditionReady ready) {
            changed = pushes.renditionReady(ready);
        } else if (event instanceof LadderFailed failed) {
            changed = pushes.renditionsGone(failed.streamId(), failed.sessionId(), failed.occurredAt());
        } else if (event instanceof LadderStopped stopped) {
            changed = pushes.renditionsGone(stopped.streamId(), stopped.sessionId(), stopped.occurredAt());
        }
        if (changed) {
            supervisor.sourcesChanged(UUID.fromString(event.aggregateId()));
        }
    }
}
