package io.fanout.transcode.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.outbox.OutboxConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Emits {@code renditions} (keyed by stream id, CloudEvents headers). This service keeps no
 * database, so it sends directly and waits for the broker's acknowledgement; what it announces is
 * the state of processes, which a restarted instance announces again.
 */
@ApplicationScoped
public class RenditionEvents {

    private final MutinyEmitter<byte[]> renditions;
    private final String source;

    public RenditionEvents(@Channel("renditions") MutinyEmitter<byte[]> renditions, OutboxConfig events) {
        this.renditions = renditions;
        this.source = events.source();
    }

    public void emit(FanoutEvent event) {
        renditions.sendMessageAndAwait(CloudEventMessages.of(event, source));
    }
}
