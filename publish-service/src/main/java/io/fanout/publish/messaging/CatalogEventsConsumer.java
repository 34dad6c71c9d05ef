package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchDetails;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.catalog.PlannedDestination;
import io.fanout.publish.service.CatalogPlans;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code catalog-events}: a match's destination plan becomes targets of its stream, each
 * with the broadcast title the plan gives it ({@link CatalogPlans}). A record that is not a Fanout event, or whose ids are not UUIDs, throws and
 * is parked on {@code catalog-events.dlq} with the reason while the consumer goes on.
 */
@ApplicationScoped
public class CatalogEventsConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "catalog-events";

    private final CatalogPlans plans;
    private final EventTracing tracing;

    public CatalogEventsConsumer(CatalogPlans plans, EventTracing tracing) {
        this.plans = plans;
        this.tracing = tracing;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        tracing.consume(record, CHANNEL, () -> apply(CloudEventMessages.read(record)));
    }

    private void apply(FanoutEvent event) {
        if (event instanceof MatchScheduled scheduled) {
            planned(scheduled.eventId(), scheduled.partnerId(), scheduled.version(), scheduled.match());
        } else if (event instanceof MatchUpdated updated) {
            planned(updated.eventId(), updated.partnerId(), updated.version(), updated.match());
        } else if (event instanceof MatchCancelled cancelled) {
            plans.cancelled(cancelled.eventId(), UUID.fromString(cancelled.partnerId()), cancelled.version());
        }
    }

    private void planned(String eventId, String partnerId, long version, MatchDetails match) {
        UUID stream = match.streamId() == null ? null : UUID.fromString(match.streamId());
        Map<UUID, String> titles = new LinkedHashMap<>();
        if (match.plan() != null) {
            for (PlannedDestination planned : match.plan()) {
                titles.putIfAbsent(UUID.fromString(planned.destinationId()), planned.title());
            }
        }
        plans.planned(eventId, UUID.fromString(partnerId), version, stream, titles);
    }
}
