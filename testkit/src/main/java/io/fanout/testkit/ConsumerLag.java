package io.fanout.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far a consumer group is behind on a topic of the shared broker: the records written but not
 * yet committed as processed. A test that must know a service has handled everything sent so far
 * (a redelivered event, say, whose effect is that nothing changes) awaits its lag reaching zero.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Records of {@code topic} that {@code group} has not committed; a partition it never committed
     * counts whole, a topic nobody has written yet counts 0.
     */
    public static long of(String group, String topic) {
        return of(KafkaBroker.shared().bootstrapServers(), group, topic);
    }

    /** As {@link #of(String, String)} on the broker at {@code bootstrapServers}. */
    public static long of(String bootstrapServers, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get().get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all().get();
            return ends.entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue().offset() - (done == null ? 0 : done.offset());
            }).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new IllegalStateException("cannot read the lag of " + group + " on " + topic, e.getCause());
        }
    }

    /** Waits until {@code group} has committed every record of {@code topic} written so far. */
    public static void awaitCaughtUp(String group, String topic, Duration deadline) {
        awaitCaughtUp(KafkaBroker.shared().bootstrapServers(), group, topic, deadline);
    }

    /** As {@link #awaitCaughtUp(String, String, Duration)} on the broker at {@code bootstrapServers}. */
    public static void awaitCaughtUp(String bootstrapServers, String group, String topic, Duration deadline) {
        await(group + " caught up on " + topic).atMost(deadline).pollInterval(Duration.ofMillis(250))
                .until(() -> of(bootstrapServers, group, topic) == 0);
    }
}
