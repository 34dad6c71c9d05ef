package io.fanout.transcode.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.fanout.transcode.service.LadderSupervisor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code stream-lifecycle} and tells {@link LadderSupervisor} where each session is:
 * started or resumed (the encoder publishes), interrupted (gone inside its reconnect window),
 * ended. Replays within a run are dropped by the stream's sequence; records it cannot read go to
 * {@code stream-lifecycle.dlq}.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    private final LadderSupervisor ladders;
    private final EventTracing tracing;
    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

    public StreamLifecycleConsumer(LadderSupervisor ladders, EventTracing tracing) {
        this.ladders = ladders;
        this.tracing = tracing;
    }

    /** Each record in a span of its event's trace: the ladder starts in the go-live trace of its stream. */
    @Incoming("stream-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, "stream-lifecycle", () -> apply(CloudEventMessages.read(record)));
    }

    private void apply(FanoutEvent event) {
        if (event instanceof StreamStarted started && isNew(started.streamId(), started.sequence())) {
            ladders.live(started.streamId(), started.partnerId(), started.sessionId(), started.media());
        } else if (event instanceof StreamResumed resumed && isNew(resumed.streamId(), resumed.sequence())) {
            ladders.live(resumed.streamId(), resumed.partnerId(), resumed.sessionId(), resumed.media());
        } else if (event instanceof StreamInterrupted interrupted && isNew(interrupted.streamId(), interrupted.sequence())) {
            ladders.interrupted(interrupted.streamId(), interrupted.sessionId());
        } else if (event instanceof StreamEnded ended && isNew(ended.streamId(), ended.sequence())) {
            ladders.ended(ended.streamId(), ended.sessionId());
        }
    }

    private boolean isNew(String streamId, long sequence) {
        long before = lastSequence.getOrDefault(streamId, 0L);
        if (sequence <= before) {
            return false;
        }
        lastSequence.put(streamId, sequence);
        return true;
    }
}
