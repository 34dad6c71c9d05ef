package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.publish.service.CatalogPlans;
import io.fanout.publish.service.PushService;
import io.fanout.publish.service.PushSupervisor;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code stream-lifecycle}: a started stream gets its pushes, an interrupted one's pushes
 * send the slate until it resumes, an ended one loses them and its broadcasts on the networks end.
 * A record that is not a Fanout event (no or unknown {@code ce_type}, unreadable payload) throws,
 * which parks it on {@code stream-lifecycle.dlq} with the reason while the consumer goes on.
 * State is committed before the record is acknowledged; replays are dropped by sequence.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "stream-lifecycle";
    private static final Logger LOG = Logger.getLogger(StreamLifecycleConsumer.class);

    private final PushService pushes;
    private final PushSupervisor supervisor;
    private final CatalogPlans plans;

    public StreamLifecycleConsumer(PushService pushes, PushSupervisor supervisor, CatalogPlans plans) {
        this.pushes = pushes;
        this.supervisor = supervisor;
        this.plans = plans;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        if (event instanceof StreamCreated created) {
            pushes.streamCreated(created);
            supervisor.apply(plans.streamKnown(UUID.fromString(created.streamId())));
        } else if (event instanceof StreamStarted started) {
            supervisor.start(pushes.streamStarted(started));
        } else if (event instanceof StreamInterrupted interrupted) {
            supervisor.switchSource(pushes.streamInterrupted(interrupted));
        } else if (event instanceof StreamResumed resumed) {
            supervisor.switchSource(pushes.streamResumed(resumed));
        } else if (event instanceof StreamEnded ended) {
            supervisor.streamEnded(UUID.fromString(ended.streamId()), UUID.fromString(ended.sessionId()),
                    pushes.streamEnded(ended));
        } else {
            LOG.debugf("stream %s: %s not used yet", event.aggregateId(), event.getClass().getSimpleName());
        }
    }
}
