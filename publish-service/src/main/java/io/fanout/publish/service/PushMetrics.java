package io.fanout.publish.service;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.PushState;
import io.fanout.publish.persistence.PushRepository;
import io.fanout.publish.persistence.PushRepository.PushCount;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch on publish (Prometheus names, every one tagged by {@code network}):
 * {@code fanout_publish_pushes} by state, the pushes of live sessions counted in the database every
 * 5 s; {@code fanout_publish_go_live_seconds} (histogram), from the stream's start (or the target's
 * addition, if later) to the push's first broadcast; {@code fanout_publish_retries_total};
 * {@code fanout_publish_exhaustions_total}; {@code fanout_publish_sent_bytes_total}, bytes written
 * to destinations.
 */
@ApplicationScoped
public class PushMetrics {

    private final MeterRegistry registry;
    private final PushRepository repository;
    private final Map<String, AtomicLong> pushes = new HashMap<>();
    private final List<Gauge> gauges = new ArrayList<>();

    public PushMetrics(MeterRegistry registry, PushRepository repository) {
        this.registry = registry;
        this.repository = repository;
        for (Network network : Network.values()) {
            for (PushState state : PushState.values()) {
                AtomicLong count = new AtomicLong();
                pushes.put(key(state.name(), network.name()), count);
                gauges.add(Gauge.builder("fanout.publish.pushes", count, AtomicLong::get)
                        .description("Pushes of live sessions by state").tag("state", state.name())
                        .tag("network", tag(network)).register(registry));
            }
            // Every series exists from the first scrape, at zero: dashboards show 0, not "no data",
            // and rate() does not miss a counter's first increment.
            goLiveTimer(network);
            retries(network);
            exhaustions(network);
            degradations(network);
            sent(network);
        }
    }

    public void goLive(Network network, Duration took) {
        goLiveTimer(network).record(took);
    }

    public void retried(Network network) {
        retries(network).increment();
    }

    public void exhausted(Network network) {
        exhaustions(network).increment();
    }

    public void degraded(Network network) {
        degradations(network).increment();
    }

    public void bytesOut(Network network, long bytes) {
        sent(network).increment(bytes);
    }

    private Timer goLiveTimer(Network network) {
        return Timer.builder("fanout.publish.go.live").description("Stream started (or target added) to push broadcasting")
                .tag("network", tag(network)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private Counter retries(Network network) {
        return counter("fanout.publish.retries", "Push attempts after the first", network);
    }

    private Counter exhaustions(Network network) {
        return counter("fanout.publish.exhaustions", "Pushes that ran out of attempts", network);
    }

    private Counter degradations(Network network) {
        return counter("fanout.publish.degradations", "Pushes whose network refused to make the broadcast live", network);
    }

    private Counter sent(Network network) {
        return Counter.builder("fanout.publish.sent").baseUnit("bytes").description("Bytes written to destinations")
                .tag("network", tag(network)).register(registry);
    }

    private Counter counter(String name, String description, Network network) {
        return Counter.builder(name).description(description).tag("network", tag(network)).register(registry);
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void countPushes() {
        Map<String, Long> counts = new HashMap<>();
        for (PushCount count : repository.countLive()) {
            counts.put(key(count.state().name(), count.network()), count.count());
        }
        pushes.forEach((key, gauge) -> gauge.set(counts.getOrDefault(key, 0L)));
    }

    /** The registry can outlive the application (tests restart Quarkus in one JVM): gauges go with it. */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    private static String key(String state, String network) {
        return state + "/" + network;
    }

    private static String tag(Network network) {
        return network.name().toLowerCase(Locale.ROOT);
    }
}
