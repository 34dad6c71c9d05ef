package io.fanout.testkit;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything that arrives on some topics, from their beginning, with a consumer group of
 * its own, so a test can wait for the events it caused ({@link #awaitRecords}) and look at their
 * keys, headers and payloads. Tests tell their events apart by key (a fresh stream id per test).
 */
public final class TopicRecorder implements AutoCloseable {

    /** One recorded Kafka record, with headers as strings; {@code timestamp}: the record's (epoch ms). */
    public record Recorded(String topic, int partition, long offset, String key, Map<String, String> headers,
            byte[] value, long timestamp) {

        public String header(String name) {
            return headers.get(name);
        }

        public String valueAsString() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Recorded> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poller;

    private TopicRecorder(String bootstrapServers, List<String> topics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        this.poller = new Thread(this::poll, "topic-recorder");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts recording {@code topics} of the shared broker. */
    public static TopicRecorder of(String... topics) {
        return new TopicRecorder(KafkaBroker.shared().bootstrapServers(), List.of(topics));
    }

    public static TopicRecorder of(String bootstrapServers, List<String> topics) {
        return new TopicRecorder(bootstrapServers, topics);
    }

    /** What has arrived so far with this key, in arrival order. */
    public List<Recorded> withKey(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Waits until at least {@code count} records with {@code key} have arrived; returns them all. */
    public List<Recorded> awaitRecords(String key, int count, Duration timeout) {
        await("%d records with key %s".formatted(count, key)).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> withKey(key).size() >= count);
        return withKey(key);
    }

    /** Waits for the first record that matches. */
    public Recorded awaitRecord(Predicate<Recorded> match, Duration timeout) {
        await("a matching record").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> records.stream().anyMatch(match));
        return records.stream().filter(match).findFirst().orElseThrow();
    }

    public Optional<Recorded> find(Predicate<Recorded> match) {
        return records.stream().filter(match).findFirst();
    }

    /** Every record that matches, of those arrived so far, in arrival order. */
    public List<Recorded> matching(Predicate<Recorded> match) {
        return records.stream().filter(match).toList();
    }

    /** How many records that match have arrived so far. */
    public long count(Predicate<Recorded> match) {
        return records.stream().filter(match).count();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new Recorded(r.topic(), r.partition(), r.offset(), r.key(),
                            Collections.unmodifiableMap(headers), r.value(), r.timestamp()));
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poller up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
