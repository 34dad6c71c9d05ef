package io.fanout.testkit;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes contract events the way Fanout's producers do (CloudEvents binary mode, keyed by
 * aggregate id, on the type's topic), so a consumer can be tested without its upstream service.
 * {@link #sendRaw} sends anything at all, for poison-record tests.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String source;

    private EventPublisher(String bootstrapServers, String source, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(overrides);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.source = source;
    }

    /** A publisher to the broker at {@code bootstrapServers} (a whole platform's, say) that signs its events as {@code source}. */
    public static EventPublisher to(String bootstrapServers, String source) {
        return new EventPublisher(bootstrapServers, source, Map.of());
    }

    /** A publisher to the shared broker that signs its events as {@code source}. */
    public static EventPublisher as(String source) {
        return new EventPublisher(KafkaBroker.shared().bootstrapServers(), source, Map.of());
    }

    /** As {@link #as(String)} with producer settings of its own (a larger {@code max.request.size}, say). */
    public static EventPublisher as(String source, Map<String, Object> producerConfig) {
        return new EventPublisher(KafkaBroker.shared().bootstrapServers(), source, producerConfig);
    }

    /** Sends the event and waits for the broker's acknowledgement. */
    public void send(FanoutEvent event) {
        ProducerRecord<String, byte[]> record = record(event);
        await(producer.send(record), record.topic());
    }

    private ProducerRecord<String, byte[]> record(FanoutEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.of(event).topic(), event.aggregateId(),
                Json.write(event));
        CloudEvents.headers(event, source).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /**
     * Sends the events without waiting in between, then waits for every acknowledgement: events of one
     * key that the producer's {@code linger.ms} lets into one batch reach a consumer in one poll.
     */
    public void sendTogether(FanoutEvent... events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (FanoutEvent event : events) {
            sent.add(producer.send(record(event)));
        }
        producer.flush();
        for (int i = 0; i < events.length; i++) {
            await(sent.get(i), EventType.of(events[i]).topic());
        }
    }

    /**
     * Sends {@code value} as an event of {@code ceType} keyed {@code key}, with every CloudEvents
     * header a producer sends: for a payload that is wrong while everything around it is right.
     */
    public void sendAs(String topic, String key, String ceType, byte[] value) {
        sendRaw(topic, key, CloudEvents.headers(ceType, UUID.randomUUID().toString(), source, key, Instant.now()), value);
    }

    /** Sends arbitrary bytes with arbitrary headers (a {@code null} header value is left out). */
    public void sendRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> {
            if (v != null) {
                record.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
            }
        });
        await(producer.send(record), topic);
    }

    private static void await(Future<RecordMetadata> ack, String topic) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
