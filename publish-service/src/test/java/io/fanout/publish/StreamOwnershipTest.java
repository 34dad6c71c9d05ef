package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.publish.messaging.StreamOwnership;
import io.fanout.publish.runner.LocalPushRunner;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.KafkaBroker;
import io.fanout.testkit.Probe;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The instance holding a stream's {@code stream-lifecycle} partition owns its pushes: when a second
 * member joins publish-service's consumer group and takes partitions, the pushes of the streams on
 * those partitions are released here (they run on for their new owner; nothing else is touched);
 * when it leaves, they are adopted again: the same processes, no event, the destinations never
 * without their push. Real broker, real encoders on a real edge, real pushes to a real stand-in.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class StreamOwnershipTest extends PushEventsTestBase {

    @Inject
    LocalPushRunner runner;

    private static final Duration DEADLINE = Duration.ofSeconds(40);



    @Test
    void aStreamsPartitionIsTheOneKafkasProducerPicksForItsId() throws Exception {
        String topic = "ownership-" + UUID.randomUUID();
        String servers = KafkaBroker.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 7, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 50; i++) {
                UUID stream = UUID.randomUUID();
                int partition = producer.send(new ProducerRecord<>(topic, stream.toString(), new byte[0])).get().partition();
                assertThat(StreamOwnership.partitionOf(stream, 7)).as("partition of %s", stream).isEqualTo(partition);
            }
        }
    }

    @Test
    void pushesFollowTheirStreamsPartitionWhenAnotherInstanceJoinsAndLeaves() throws Exception {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        int partitions = 3;
        List<UUID> streams = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            streams.add(streamOn(partition, partitions));
        }
        List<Encoder> encoders = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        FfmpegWatch pushes = null;
        try {
            for (UUID stream : streams) {
                String key = "own-" + stream;
                keys.add(key);
                String destination = PublishTestSupport.createDestination(token, "rtmp",
                        EdgesResource.networks().rtmpUrl("youtube"), key);
                ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Court", 60, false));
                await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
                targets.add(given().auth().oauth2(token).get("/v1/streams/{id}/targets", stream).then().extract().path("id[0]"));
                String source = EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString());
                encoders.add(Encoder.to(source).size(320, 240).start());
                Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
                ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(),
                        UUID.randomUUID().toString()));
            }
            for (String target : targets) {
                await().atMost(DEADLINE).until(() -> count(target, EventType.PUSH_BROADCASTING) == 1);
            }
            pushes = FfmpegWatch.pushes(keys);

            Map<String, Set<Long>> before = pushes.pids();
            Set<Integer> taken;
            try (OtherInstance other = new OtherInstance()) {
                taken = other.awaitPartitions();
                for (int i = 0; i < streams.size(); i++) {
                    UUID target = UUID.fromString(targets.get(i));
                    if (taken.contains(i)) {
                        await("push of a stream that moved released here").atMost(DEADLINE)
                                .until(() -> !runner.isRunning(target));
                    } else {
                        assertThat(runner.isRunning(target)).as("push of a stream still owned here").isTrue();
                    }
                    assertThat(Probe.probe(EdgesResource.networks().rtmpUrl("youtube", keys.get(i))).isH264Aac(320, 240))
                            .as("every destination keeps its push, released or not").isTrue();
                }
            }
            assertThat(taken).as("the other member got partitions").isNotEmpty();

            for (String target : targets) {
                await("push adopted again").atMost(DEADLINE).until(() -> runner.isRunning(UUID.fromString(target)));
                assertThat(types(target)).as("a push that changed hands never stopped (target %s, retries %s)", target,
                        events(target, EventType.PUSH_RETRYING))
                        .containsExactly(EventType.PUSH_STARTING.ceType(), EventType.PUSH_BROADCASTING.ceType());
            }
            pushes.stop();
            assertThat(pushes.seen()).as("the processes that pushed, released and adopted again").isEqualTo(before);
        } finally {
            if (pushes != null) {
                pushes.stop();
            }
            encoders.forEach(Encoder::kill);
            for (UUID stream : streams) {
                ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(),
                        UUID.randomUUID().toString(), EndReason.COMPLETED));
            }
        }
    }

    /** A stream id whose events land on {@code partition}. */
    private static UUID streamOn(int partition, int partitions) {
        UUID id = UUID.randomUUID();
        while (StreamOwnership.partitionOf(id, partitions) != partition) {
            id = UUID.randomUUID();
        }
        return id;
    }

    private static long count(String target, EventType type) {
        return types(target).stream().filter(type.ceType()::equals).count();
    }

    /**
     * A second member of publish-service's consumer group, as another instance would be: it polls
     * (without committing) until closed, and reports the partitions it was given.
     */
    private static final class OtherInstance implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "publish-service",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                new StringDeserializer(), new ByteArrayDeserializer());
        private final Set<Integer> assigned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller = new Thread(this::poll, "other-publish-instance");

        OtherInstance() {
            poller.start();
        }

        private void poll() {
            consumer.subscribe(List.of(Topics.STREAM_LIFECYCLE));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100));
                Set<Integer> now = new HashSet<>();
                for (TopicPartition partition : consumer.assignment()) {
                    now.add(partition.partition());
                }
                assigned.retainAll(now);
                assigned.addAll(now);
            }
            consumer.close();
        }

        Set<Integer> awaitPartitions() {
            await().atMost(DEADLINE).until(() -> !assigned.isEmpty());
            return Set.copyOf(assigned);
        }

        @Override
        public void close() throws ExecutionException, InterruptedException {
            running.set(false);
            poller.join();
        }
    }
}
