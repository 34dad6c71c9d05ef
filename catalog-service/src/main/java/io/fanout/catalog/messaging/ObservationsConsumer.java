package io.fanout.catalog.messaging;

import io.fanout.catalog.domain.PushStatus;
import io.fanout.catalog.service.Observations;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.servicekit.jdbc.Jdbc;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes what the live view shows of the other services: {@code destinations} (publish-service's
 * announcements), {@code push-status} (every push's state), {@code stream-health} (each stream's
 * last measurement) and {@code renditions} (the player). Each record is applied and committed before
 * it is acknowledged, waiting while the database cannot be reached; one it cannot read, or whose
 * ids are not UUIDs, goes to its topic's dead-letter topic and the consumer goes on.
 */
@ApplicationScoped
public class ObservationsConsumer {

    public static final String DESTINATIONS = "destinations";
    public static final String PUSH_STATUS = "push-status";
    public static final String STREAM_HEALTH = "stream-health";
    public static final String RENDITIONS = "renditions";

    private final Observations observations;

    public ObservationsConsumer(Observations observations) {
        this.observations = observations;
    }

    @Incoming(DESTINATIONS)
    @Blocking
    public void destination(ConsumerRecord<String, byte[]> record) {
        if (CloudEventMessages.read(record) instanceof DestinationCreated created) {
            Ids.uuid("destinationId", created.destinationId());
            Ids.uuid("partnerId", created.partnerId());
            Jdbc.untilReachable(() -> observations.destination(created));
        }
    }

    @Incoming(PUSH_STATUS)
    @Blocking
    public void push(ConsumerRecord<String, byte[]> record) {
        PushStatus.from(CloudEventMessages.read(record)).ifPresent(status -> {
            Ids.uuid("targetId", status.targetId());
            Ids.uuid("streamId", status.streamId());
            Ids.uuid("partnerId", status.partnerId());
            Ids.uuid("destinationId", status.destinationId());
            if (status.sessionId() != null) {
                Ids.uuid("sessionId", status.sessionId());
            }
            Jdbc.untilReachable(() -> observations.push(status));
        });
    }

    @Incoming(STREAM_HEALTH)
    @Blocking
    public void health(ConsumerRecord<String, byte[]> record) {
        if (CloudEventMessages.read(record) instanceof StreamHealth health) {
            Ids.uuid("streamId", health.streamId());
            Jdbc.untilReachable(() -> observations.health(health));
        }
    }

    @Incoming(RENDITIONS)
    @Blocking
    public void renditions(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        if (event instanceof LadderStarted started) {
            ids(started.streamId(), started.partnerId(), started.sessionId());
            Jdbc.untilReachable(() -> observations.ladderStarted(started));
        } else if (event instanceof LadderStopped stopped) {
            ids(stopped.streamId(), stopped.partnerId(), stopped.sessionId());
            Jdbc.untilReachable(() -> observations.ladderOver(stopped.streamId(), stopped.sessionId(), "STOPPED",
                    stopped.occurredAt()));
        } else if (event instanceof LadderFailed failed) {
            ids(failed.streamId(), failed.partnerId(), failed.sessionId());
            Jdbc.untilReachable(() -> observations.ladderOver(failed.streamId(), failed.sessionId(), "FAILED",
                    failed.occurredAt()));
        }
    }

    private static void ids(String streamId, String partnerId, String sessionId) {
        Ids.uuid("streamId", streamId);
        Ids.uuid("partnerId", partnerId);
        Ids.uuid("sessionId", sessionId);
    }
}
