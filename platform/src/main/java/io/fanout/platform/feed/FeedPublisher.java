package io.fanout.platform.feed;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes fixtures onto {@code upstream-fixtures} as an upstream system does: CloudEvents in Kafka
 * binary mode, keyed {@code provider:fixtureId}, {@code ce_source} {@code /providers/<provider>},
 * each acknowledged by every replica ({@code acks=all}).
 */
public final class FeedPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public FeedPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes every fixture in order and waits for all acknowledgements; returns how many. */
    public int publish(String provider, List<FanoutEvent> fixtures) {
        List<Future<RecordMetadata>> sent = fixtures.stream().map(fixture -> send(provider, fixture)).toList();
        try {
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to upstream-fixtures", e.getCause());
        }
        return sent.size();
    }

    private Future<RecordMetadata> send(String provider, FanoutEvent fixture) {
        EventType type = EventType.of(fixture);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), fixture.aggregateId(), Json.write(fixture));
        CloudEvents.headers(fixture, "/providers/" + provider)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    @Override
    public void close() {
        producer.close();
    }
}
