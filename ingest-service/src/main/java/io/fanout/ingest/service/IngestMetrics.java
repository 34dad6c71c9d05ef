package io.fanout.ingest.service;

import io.fanout.contracts.stream.EndReason;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.StreamRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch on ingest (Prometheus names): {@code fanout_ingest_publish_attempts_total}
 * by outcome, {@code fanout_ingest_sessions_started_total}, {@code fanout_ingest_sessions_ended_total}
 * by reason, {@code fanout_ingest_hook_duration_seconds} (histogram) by hook, and
 * {@code fanout_ingest_streams} by state, counted in the database every 5 s rather than per scrape.
 */
@ApplicationScoped
public class IngestMetrics {

    /** The edge hooks whose answers are timed. */
    public static final List<String> HOOKS = List.of("on_publish", "on_publish_done");

    private final MeterRegistry registry;
    private final StreamRepository streams;
    private final Map<StreamState, AtomicLong> byState = new EnumMap<>(StreamState.class);
    private final List<Gauge> gauges = new ArrayList<>();

    public IngestMetrics(MeterRegistry registry, StreamRepository streams) {
        this.registry = registry;
        this.streams = streams;
        for (StreamState state : StreamState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            gauges.add(Gauge.builder("fanout.ingest.streams", count, AtomicLong::get)
                    .description("Streams by state").tag("state", state.name()).register(registry));
        }
        // Every series exists from the first scrape, at zero: dashboards show 0, not "no data",
        // and rate() does not miss a counter's first increment.
        for (PublishDecision decision : PublishDecision.values()) {
            attempts(decision);
        }
        sessionsStarted();
        for (EndReason reason : EndReason.values()) {
            sessionsEnded(reason);
        }
        for (String hook : HOOKS) {
            hookTimer(hook);
        }
    }

    public void publishAttempt(PublishDecision decision) {
        attempts(decision).increment();
    }

    public void sessionStarted() {
        sessionsStarted().increment();
    }

    public void sessionEnded(EndReason reason) {
        sessionsEnded(reason).increment();
    }

    /** Records how long an edge hook (one of {@link #HOOKS}) took to answer. */
    public void hook(String hook, Duration took) {
        hookTimer(hook).record(took);
    }

    private Counter attempts(PublishDecision decision) {
        return Counter.builder("fanout.ingest.publish.attempts").description("Edge on_publish calls by outcome")
                .tag("outcome", decision.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    private Counter sessionsStarted() {
        return Counter.builder("fanout.ingest.sessions.started").description("Sessions started").register(registry);
    }

    private Counter sessionsEnded(EndReason reason) {
        return Counter.builder("fanout.ingest.sessions.ended").description("Sessions ended by reason")
                .tag("reason", reason.name()).register(registry);
    }

    private Timer hookTimer(String hook) {
        return Timer.builder("fanout.ingest.hook.duration").description("Time to answer an edge hook")
                .tag("hook", hook).publishPercentileHistogram().register(registry);
    }

    /**
     * A registry outlives the application in some runtimes (tests restart Quarkus in one JVM, and a
     * gauge registered again would keep reading the first instance's counts): its gauges go with it.
     */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void countStreams() {
        Map<StreamState, Long> counts = streams.countByState();
        byState.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0L)));
    }
}
