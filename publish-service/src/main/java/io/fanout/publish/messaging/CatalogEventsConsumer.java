package io.fanout.publish.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchDetails;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.catalog.PlannedDestination;
import io.fanout.publish.persistence.CatalogPlanRepository;
import io.fanout.publish.service.CatalogPlans;
import io.fanout.servicekit.jdbc.Jdbc;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.DeadLetter;
import io.fanout.servicekit.messaging.EventTracing;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code catalog-events} a poll at a time: a match's destination plan becomes targets of its
 * stream, each with the broadcast title the plan gives it ({@link CatalogPlans}), one event after the
 * other in the order received. Most events of a feed ask nothing of publish-service (a new match with
 * neither stream nor destination, the match's other events): one query per poll finds which of the
 * poll's matches have a plan kept here, and an event that asks nothing of a match without one costs
 * no transaction (a burst of fixtures becomes as many {@code match.scheduled}). A record that is not
 * a Fanout event, whose ids are not UUIDs, or whose change fails for any other reason than an
 * unreachable database (waited for) is parked on {@code catalog-events.dlq} with the reason while
 * the rest of the poll goes on.
 */
@ApplicationScoped
public class CatalogEventsConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "catalog-events";
    /** Outgoing channel to {@code catalog-events.dlq}, for the records this consumer parks itself. */
    public static final String DEAD_LETTERS = "catalog-events-dlq";

    /** What an event asks of the match's plan. */
    private sealed interface Change {
        /** The match names this stream (or none) and these destinations with their titles. */
        record Planned(String eventId, UUID partnerId, long version, UUID streamId, Map<UUID, String> titles)
                implements Change {
        }

        /** The match was cancelled. */
        record Cancelled(String eventId, UUID partnerId, long version) implements Change {
        }
    }

    /** A record read, and what it asks of its match's plan. */
    private record Read(ConsumerRecord<String, byte[]> record, Change change) {

        /** Whether it asks nothing unless the match already has a plan here. */
        boolean asksNothingOfANewMatch() {
            return change instanceof Change.Planned p && p.streamId() == null && p.titles().isEmpty();
        }
    }

    private final CatalogPlans plans;
    private final CatalogPlanRepository kept;
    private final EventTracing tracing;
    private final MutinyEmitter<byte[]> deadLetters;

    public CatalogEventsConsumer(CatalogPlans plans, CatalogPlanRepository kept, EventTracing tracing,
            @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.plans = plans;
        this.kept = kept;
        this.tracing = tracing;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Read> reads = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Change change = change(CloudEventMessages.read(record));
                if (change != null) { // a match going live, ending, flagged late: no plan changes
                    reads.add(new Read(record, change));
                }
            } catch (IllegalArgumentException poison) {
                DeadLetter.park(deadLetters, record, poison.getMessage());
            }
        }
        Set<String> withPlans = Jdbc.untilReachable(() -> kept.keptAmong(reads.stream().filter(Read::asksNothingOfANewMatch)
                .map(read -> read.record().key()).distinct().toList()));
        for (Read read : reads) {
            if (read.asksNothingOfANewMatch() && !withPlans.contains(read.record().key())) {
                continue;
            }
            try {
                tracing.consume(read.record(), CHANNEL, () -> apply(read.change()));
                withPlans.add(read.record().key());
            } catch (RuntimeException failed) {
                if (Thread.currentThread().isInterrupted()) {
                    throw failed; // stopping: the poll stays unacknowledged for whoever consumes it next
                }
                DeadLetter.park(deadLetters, read.record(), failed.getMessage());
            }
        }
    }

    private void apply(Change change) {
        if (change instanceof Change.Planned p) {
            plans.planned(p.eventId(), p.partnerId(), p.version(), p.streamId(), p.titles());
        } else if (change instanceof Change.Cancelled c) {
            plans.cancelled(c.eventId(), c.partnerId(), c.version());
        }
    }

    /** What the event asks of its match's plan (null: nothing); ids that are not UUIDs throw. */
    private static Change change(FanoutEvent event) {
        if (event instanceof MatchScheduled scheduled) {
            return planned(scheduled.eventId(), scheduled.partnerId(), scheduled.version(), scheduled.match());
        } else if (event instanceof MatchUpdated updated) {
            return planned(updated.eventId(), updated.partnerId(), updated.version(), updated.match());
        } else if (event instanceof MatchCancelled cancelled) {
            return new Change.Cancelled(cancelled.eventId(), UUID.fromString(cancelled.partnerId()), cancelled.version());
        }
        return null;
    }

    private static Change planned(String eventId, String partnerId, long version, MatchDetails match) {
        UUID stream = match.streamId() == null ? null : UUID.fromString(match.streamId());
        Map<UUID, String> titles = new LinkedHashMap<>();
        if (match.plan() != null) {
            for (PlannedDestination planned : match.plan()) {
                titles.putIfAbsent(UUID.fromString(planned.destinationId()), planned.title());
            }
        }
        return new Change.Planned(eventId, UUID.fromString(partnerId), version, stream, titles);
    }
}
