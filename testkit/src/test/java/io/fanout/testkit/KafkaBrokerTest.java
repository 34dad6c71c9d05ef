package io.fanout.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private final KafkaBroker broker = KafkaBroker.shared();

    @Test
    void recordsRoundTripThroughARealBroker() throws Exception {
        String topic = "kit-roundtrip-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "stream-1", "hello")).get();
        }

        List<ConsumerRecord<String, String>> records = readAll(topic, 1);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("stream-1");
            assertThat(r.value()).isEqualTo("hello");
        });
    }

    @Test
    void sigkillAndRestartLosesNoAcknowledgedRecord() throws Exception {
        String topic = "kit-durability-" + UUID.randomUUID();
        int count = 2_000;
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        broker.start();

        Set<String> values = new HashSet<>();
        readAll(topic, count).forEach(r -> values.add(r.value()));
        assertThat(values).hasSize(count).contains("value-0", "value-" + (count - 1));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
