package io.fanout.servicekit.outbox;

import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.messaging.EventTracing;
import io.fanout.servicekit.outbox.OutboxRepository.Pending;
import io.quarkus.arc.properties.IfBuildProperty;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Relays the transactional outbox to Kafka, on its own thread, woken by each commit that appended
 * events ({@link OutboxSignal}) and at least every {@code fanout.outbox.poll-interval}. (Quarkus's
 * scheduler looks at its triggers once a second, so a relay scheduled every 0.2 s ran once a second
 * and sent an event 0.5 s after its commit on average.) Each run locks a batch of pending events
 * ({@code SKIP LOCKED}, so concurrent relays share the work instead of duplicating it), sends them in
 * order with CloudEvents headers, all at once, and waits for every acknowledgement ({@code acks=all},
 * idempotent producer: the broker keeps their order per partition) before marking them published in
 * the same transaction; while batches come back full it goes on with the next at once. A crash between
 * send and commit sends those events again with the same {@code ce_id}: at least once, deduplicated
 * by consumers. Each event travels with its change's trace context ({@code ce_traceparent}), through a
 * span of its relay.
 */
@ApplicationScoped
@IfBuildProperty(name = "fanout.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    /** Outgoing channel of the relay; its topic is set per record. Each service configures it. */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final OutboxConfig config;
    private final EventTracing tracing;
    private final OutboxSignal signal;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(OutboxRepository outbox, @Channel(CHANNEL) MutinyEmitter<byte[]> emitter, OutboxConfig config,
            EventTracing tracing, OutboxSignal signal) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
        this.tracing = tracing;
        this.signal = signal;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
    }

    /** Relays whatever is pending each time a commit wakes it, and at least every poll interval. */
    private void run() {
        while (running) {
            try {
                signal.await(config.pollInterval());
                relay();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The broker or the database is away: the events stay pending and are sent on a later try.
                LOG.warnf("outbox relay: %s; the events stay pending", e.toString());
            }
        }
    }

    void relay() {
        while (relayBatch() == config.batchSize()) {
            LOG.debug("outbox: a full batch relayed, relaying the next");
        }
    }

    /** Relays one batch in one transaction; returns how many events it held. */
    @Transactional
    int relayBatch() {
        List<Pending> pending = outbox.lockPending(config.batchSize());
        if (pending.isEmpty()) {
            return 0;
        }
        send(pending);
        outbox.markPublished(pending, Instant.now());
        LOG.debugf("relayed %d events", pending.size());
        return pending.size();
    }

    /**
     * Sends the batch and waits for every acknowledgement, with the batch's transaction suspended
     * (its rows stay locked in the database meanwhile): the transaction's context would otherwise be
     * propagated to the producer's callback threads, and a commit while one of them is still
     * associated with it fails (Narayana: "commit invoked while multiple threads active within it"),
     * which left the batch pending to be sent a second time.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void send(List<Pending> pending) {
        List<Uni<Void>> sends = new ArrayList<>(pending.size());
        List<Span> spans = new ArrayList<>(pending.size());
        for (Pending event : pending) {
            Span span = tracing.relaying(event.traceparent(), event.ceType(), event.topic());
            spans.add(span);
            sends.add(emitter.sendMessage(CloudEventMessages.of(event.topic(), event.ceType(), event.ceId().toString(),
                    config.source(), event.key(), event.ceTime(), event.payload(), EventTracing.traceparent(span))));
        }
        try {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        } finally {
            spans.forEach(Span::end);
        }
    }
}
