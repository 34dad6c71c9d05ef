package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.publish.service.PushSources;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
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
 * {@link PushSources} records each and has running pushes follow. Records that are not Fanout
 * events go to the channel's {@code .dlq} topic while the consumer goes on.
 */
@ApplicationScoped
public class PushSourcesConsumer {

    private final PushSources sources;
    private final EventTracing tracing;

    public PushSourcesConsumer(PushSources sources, EventTracing tracing) {
        this.sources = sources;
        this.tracing = tracing;
    }

    @Incoming("stream-health")
    @Blocking
    public void health(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, "stream-health", () -> {
            if (CloudEventMessages.read(record) instanceof StreamHealth health) {
                sources.measured(health);
            }
        });
    }

    @Incoming("renditions")
    @Blocking
    public void renditions(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, "renditions", () -> apply(CloudEventMessages.read(record)));
    }

    private void apply(FanoutEvent event) {
        if (event instanceof RenditionReady ready) {
            sources.renditionReady(ready);
        } else if (event instanceof LadderFailed failed) {
            sources.renditionsGone(failed.streamId(), failed.sessionId(), failed.occurredAt());
        } else if (event instanceof LadderStopped stopped) {
            sources.renditionsGone(stopped.streamId(), stopped.sessionId(), stopped.occurredAt());
        }
    }
}
