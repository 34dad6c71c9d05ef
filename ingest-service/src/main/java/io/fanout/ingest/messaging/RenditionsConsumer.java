package io.fanout.ingest.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.ingest.service.SessionRecordings;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code renditions} for one thing: {@code recording.ready} puts the recording beside its
 * session. The other types (ladders, relays) are not ingest's concern. Records it cannot read go
 * to {@code renditions.dlq}.
 */
@ApplicationScoped
public class RenditionsConsumer {

    private final SessionRecordings recordings;
    private final EventTracing tracing;

    public RenditionsConsumer(SessionRecordings recordings, EventTracing tracing) {
        this.recordings = recordings;
        this.tracing = tracing;
    }

    @Incoming("renditions")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, "renditions", () -> {
            FanoutEvent event = CloudEventMessages.read(record);
            if (event instanceof RecordingReady recording) {
                recordings.ready(recording);
            }
        });
    }
}
