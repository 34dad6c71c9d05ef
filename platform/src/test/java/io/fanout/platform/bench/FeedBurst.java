package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Topics;
import io.fanout.platform.feed.FeedPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A burst of fixtures onto {@code upstream-fixtures}, as fast as one producer sends them, and how
 * catalog-service keeps up: how long until every one is processed (read from its own
 * {@code fanout_catalog_fixtures_total}), at what rate, and its backlog (published but not yet
 * processed) when the burst has been sent and at its largest, and where the machine's CPU went
 * meanwhile ({@link CpuShares}). The baseline, in the same run: a plain
 * Kafka consumer reading the same records from the same broker without applying them.
 */
final class FeedBurst {

    /** What the burst measured. */
    record Result(int fixtures, double publishSeconds, double drainSeconds, double appliedPerSecond,
            long backlogAtEndOfBurst, long maxBacklog, double baselinePerSecond, Map<String, Double> cores) {

        double afterProducerPerSecond() {
            return backlogAtEndOfBurst / (drainSeconds - publishSeconds);
        }
    }

    /**
     * The two bursts side by side, the first right after start and the measured one, then where the
     * machine's CPU went during each.
     */
    static String table(Result first, Result measured) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                | fixtures, each a new match (1,000 for each partner) | first burst, right after start: %,d | measured burst: %,d |
                |---|---|---|
                """, first.fixtures(), measured.fixtures()));
        row(out, "sent by one producer (`acks=all`) in", "%.1f s", first.publishSeconds(), measured.publishSeconds());
        row(out, "processed by catalog-service in (from the first send)", "%.1f s", first.drainSeconds(),
                measured.drainSeconds());
        row(out, "**fixtures applied per second**", "**%,.0f/s**", first.appliedPerSecond(), measured.appliedPerSecond());
        row(out, "backlog (sent, not yet processed) when the burst was sent", "%,.0f", first.backlogAtEndOfBurst(),
                measured.backlogAtEndOfBurst());
        row(out, "fixtures applied per second from then on (the producer done)", "%,.0f/s", first.afterProducerPerSecond(),
                measured.afterProducerPerSecond());
        row(out, "largest backlog", "%,.0f", first.maxBacklog(), measured.maxBacklog());
        row(out, "baseline: a plain consumer reading the same records, applying nothing", "%,.0f/s",
                first.baselinePerSecond(), measured.baselinePerSecond());
        return out.append(String.format(Locale.ROOT, """

                Where the machine's CPU went from the first send until every fixture was processed, in cores
                (CPU seconds per second). First burst: %s. Measured burst: %s.
                """, CpuShares.line(first.cores()), CpuShares.line(measured.cores()))).toString();
    }

    private static void row(StringBuilder out, String name, String format, double first, double measured) {
        out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, format, first)).append(" | ")
                .append(String.format(Locale.ROOT, format, measured)).append(" |\n");
    }

    private static final Pattern PROCESSED = Pattern.compile("^fanout_catalog_fixtures_total\\{[^}]*} ([0-9.E]+)(?: # .*)?$",
            Pattern.MULTILINE);

    /**
     * How often the service's metrics are read: each read renders every metric of the service (its
     * Kafka clients' included), and reading 14 times a second took 13 % of the service's CPU during
     * a burst (a profile of the run), CPU the fixtures then did not get.
     */
    private static final long SAMPLE_MILLIS = 500;

    private FeedBurst() {
    }

    static Result run(String kafka, String catalogUrl, String provider, List<FanoutEvent> fixtures,
            List<CpuShares.Part> parts) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long before = processed(http, catalogUrl);
        CpuShares cpu = CpuShares.start(parts);
        long started = System.nanoTime();
        AtomicLong maxBacklog = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                maxBacklog.accumulateAndGet(fixtures.size() - (processed(http, catalogUrl) - before), Math::max);
            } catch (Exception e) {
                // the next sample tries again
            }
        }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        try (FeedPublisher publisher = new FeedPublisher(kafka)) {
            publisher.publish(provider, fixtures);
        }
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        long backlogAtEnd = fixtures.size() - (processed(http, catalogUrl) - before);
        await("every fixture processed").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(SAMPLE_MILLIS))
                .until(() -> processed(http, catalogUrl) - before >= fixtures.size());
        double drainSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cores = cpu.end();
        sampler.shutdownNow();
        return new Result(fixtures.size(), publishSeconds, drainSeconds, fixtures.size() / drainSeconds, backlogAtEnd,
                Math.max(maxBacklog.get(), backlogAtEnd), baseline(kafka, fixtures.size()), cores);
    }

    /** Records a second a consumer alone reads from the topic's beginning. */
    private static double baseline(String kafka, int count) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.UPSTREAM_FIXTURES));
            long read = 0;
            long started = 0;
            while (read < count) {
                int polled = consumer.poll(Duration.ofMillis(500)).count();
                if (polled > 0 && started == 0) {
                    started = System.nanoTime();
                }
                read += polled;
            }
            return read / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Every fixture record catalog-service has finished with, whatever the outcome. */
    private static long processed(HttpClient http, String catalogUrl) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(catalogUrl + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = PROCESSED.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return (long) total;
    }
}
