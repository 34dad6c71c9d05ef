package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamHealth;
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
 * Consumes what a stream's pushes can read and how the stream measures up:
 * <ul>
 * <li>{@code stream-health}: each measurement of a live ingest is checked against the networks'
 * limits of the stream's pushes (preflight); a live picture of another size may move pushes to or
 * from a rendition relay;</li>
 * <li>{@code renditions}: a ready relay ({@code rendition.ready}) can be read by pushes to
 * destinations that take fewer lines than the live picture; a stopped or failed ladder takes its
 * session's relays away, and pushes reading them go back to the live picture.</li>
 * </ul>
 * A change of what pushes should read is handed to the supervisor. Records that are not Fanout
 * events go to the channel's {@code .dlq} topic while the consumer goes on.
 */
@ApplicationScoped
public class PushSourcesConsumer {

    private final PushService pushes;
    private final PushSupervisor supervisor;

    public PushSourcesConsumer(PushService pushes, PushSupervisor supervisor) {
        this.pushes = pushes;
        this.supervisor = supervisor;
    }

    @Incoming("stream-health")
    @Blocking
    public void health(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        if (event instanceof StreamHealth health && pushes.healthMeasured(health)) {
            supervisor.sourcesChanged(UUID.fromString(health.streamId()));
        }
    }

    @Incoming("renditions")
    @Blocking
    public void renditions(ConsumerRecord<String, byte[]> record) {
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
