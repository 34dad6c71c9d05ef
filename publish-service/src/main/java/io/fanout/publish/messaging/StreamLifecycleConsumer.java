package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.publish.service.StreamSessions;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code stream-lifecycle}: a started stream gets its pushes, an interrupted one's pushes
 * send the slate until it resumes, an ended one loses them and its broadcasts on the networks end.
 * A record that is not a Fanout event (no or unknown {@code ce_type}, unreadable payload) throws,
 * which parks it on {@code stream-lifecycle.dlq} with the reason while the consumer goes on.
 * State is committed before the record is acknowledged; replays are dropped by sequence. Each record
 * is consumed in a span of its event's trace ({@code ce_traceparent}), so a trace runs from the edge's
 * hook to the push processes it starts.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "stream-lifecycle";
    private static final Logger LOG = Logger.getLogger(StreamLifecycleConsumer.class);

    private final StreamSessions sessions;
    private final EventTracing tracing;

    public StreamLifecycleConsumer(StreamSessions sessions, EventTracing tracing) {
        this.sessions = sessions;
        this.tracing = tracing;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, CHANNEL, () -> apply(CloudEventMessages.read(record)));
    }

    private void apply(FanoutEvent event) {
        if (event instanceof StreamCreated created) {
            sessions.created(created);
        } else if (event instanceof StreamStarted started) {
            sessions.started(started);
        } else if (event instanceof StreamInterrupted interrupted) {
            sessions.interrupted(interrupted);
        } else if (event instanceof StreamResumed resumed) {
            sessions.resumed(resumed);
        } else if (event instanceof StreamEnded ended) {
            sessions.ended(ended);
        } else {
            LOG.debugf("stream %s: %s not used yet", event.aggregateId(), event.getClass().getSimpleName());
        }
    }
}
