package io.fanout.catalog.messaging;

import io.fanout.catalog.config.CatalogConfig;
import io.fanout.catalog.domain.Fixture;
import io.fanout.catalog.domain.FixtureCheck;
import io.fanout.catalog.service.CatalogMetrics;
import io.fanout.catalog.service.CatalogMetrics.FixtureOutcome;
import io.fanout.catalog.service.FixtureService;
import io.fanout.catalog.service.FixtureService.Result;
import io.fanout.servicekit.jdbc.Jdbc;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.DeadLetter;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code upstream-fixtures} a poll at a time: each record is read and checked
 * ({@link FixtureCheck}); the good ones are applied in one transaction ({@link FixtureService}), and
 * what cannot be applied (oversized, not JSON, wrong types, an unknown type, sport or role, a missing
 * field, a provider the partner has not authorised) is parked on {@code upstream-fixtures.dlq} with
 * the reason ({@link DeadLetter}) while the rest go on. The batch is acknowledged only after that.
 * A database that cannot be reached, or a transaction it aborted (a deadlock, a serialization
 * failure), is waited for and the batch tried again with back-off: never a reason to park good fixtures.
 */
@ApplicationScoped
public class UpstreamFixturesConsumer {

    /** Incoming channel name (configured in application.properties). */
    public static final String CHANNEL = "upstream-fixtures";
    /** Outgoing channel to {@code upstream-fixtures.dlq}, for the records this consumer parks itself. */
    public static final String DEAD_LETTERS = "upstream-fixtures-dlq";

    private record Checked(ConsumerRecord<String, byte[]> record, Fixture fixture) {
    }

    private final FixtureService fixtures;
    private final MutinyEmitter<byte[]> deadLetters;
    private final CatalogMetrics metrics;
    private final CatalogConfig config;

    public UpstreamFixturesConsumer(FixtureService fixtures, @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
            CatalogMetrics metrics, CatalogConfig config) {
        this.fixtures = fixtures;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Checked> good = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                good.add(new Checked(record, check(record)));
            } catch (IllegalArgumentException poison) {
                park(record, poison.getMessage());
            }
        }
        if (good.isEmpty()) {
            return;
        }
        List<Result> results = applyWaitingForTheDatabase(good.stream().map(Checked::fixture).toList());
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            if (result.refusal() != null) {
                park(good.get(i).record(), result.refusal());
            } else {
                metrics.fixture(result.outcome());
            }
        }
    }

    private Fixture check(ConsumerRecord<String, byte[]> record) {
        int size = record.value() == null ? 0 : record.value().length;
        if (size > config.maxFixtureBytes()) {
            throw new IllegalArgumentException("oversized: " + size + " bytes (at most " + config.maxFixtureBytes() + ")");
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("record without a value");
        }
        return FixtureCheck.check(CloudEventMessages.read(record), record.key());
    }

    /**
     * Applies the batch; a failure that passes by itself is tried again with back-off (0.2 s doubling
     * up to 5 s) for as long as it lasts, on this worker: waiting takes no second thread, so however
     * few workers there are, consumers waiting for the database cannot hold all of them.
     */
    private List<Result> applyWaitingForTheDatabase(List<Fixture> batch) {
        return Jdbc.untilPassed(UpstreamFixturesConsumer::passesByItself, () -> fixtures.apply(batch));
    }

    /**
     * Whether a failure passes by itself: the database could not be reached (SQL state class 08, 57P,
     * 53) or aborted the transaction to resolve a conflict (class 40).
     */
    private static boolean passesByItself(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.startsWith("40")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        DeadLetter.park(deadLetters, record, reason);
        metrics.fixture(FixtureOutcome.DEAD_LETTERED);
    }
}
