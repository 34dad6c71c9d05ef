package io.fanout.servicekit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The outbox's backlog as gauges: {@code fanout_outbox_pending} (events not yet on Kafka) and
 * {@code fanout_outbox_oldest_pending_seconds} (how long the oldest of them has waited: 0 when none).
 * Read from the table at each scrape, at most once a second; while the database cannot be read they
 * are NaN (Prometheus then has no sample, and the service's own readiness says why).
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "fanout.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final OutboxRepository outbox;
    private OutboxRepository.Backlog last;
    private Instant readAt = Instant.EPOCH;

    public OutboxMetrics(OutboxRepository outbox, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("fanout.outbox.pending", this, metrics -> metrics.read(false))
                .description("Events in the outbox not yet on Kafka").register(registry);
        Gauge.builder("fanout.outbox.oldest.pending", this, metrics -> metrics.read(true)).baseUnit("seconds")
                .description("How long the oldest event in the outbox has waited for Kafka (0: none waits)")
                .register(registry);
    }

    private synchronized double read(boolean age) {
        Instant now = Instant.now();
        if (last == null || Duration.between(readAt, now).compareTo(FRESH) > 0) {
            try {
                last = outbox.backlog();
            } catch (RuntimeException e) {
                LOG.debugf("outbox backlog unreadable: %s", e.getMessage());
                last = null;
                return Double.NaN;
            }
            readAt = now;
        }
        if (!age) {
            return last.events();
        }
        return last.oldest() == null ? 0 : Math.max(0, Duration.between(last.oldest(), now).toMillis() / 1000.0);
    }
}
