package io.fanout.publish.messaging;

import io.fanout.contracts.Topics;
import io.fanout.publish.service.PushSupervisor;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Which streams this instance owns: those whose {@code stream-lifecycle} partition its consumer
 * holds. A stream's events are keyed by its id, so its partition is the producer's default for
 * that key (murmur2 of the key's bytes, modulo the partition count). The owner of a stream is the
 * only instance that runs its pushes; the consumer's rebalances move ownership, and partitions are
 * assigned cooperatively so that a rebalance revokes only the partitions that really move.
 */
@ApplicationScoped
@Identifier(StreamOwnership.NAME)
public class StreamOwnership implements KafkaConsumerRebalanceListener {

    /** The listener's name in the channel's {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "stream-ownership";
    private static final Logger LOG = Logger.getLogger(StreamOwnership.class);

    private final PushSupervisor supervisor;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    public StreamOwnership(PushSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitionCount = consumer.partitionsFor(Topics.STREAM_LIFECYCLE).size();
        partitions.stream().filter(this::lifecycle).forEach(p -> owned.add(p.partition()));
        LOG.infof("owning stream-lifecycle partitions %s of %d", owned, partitionCount);
        supervisor.ownershipChanged(ownedNow());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().filter(this::lifecycle).forEach(p -> owned.remove(p.partition()));
        LOG.infof("owning stream-lifecycle partitions %s of %d after revocation", owned, partitionCount);
        supervisor.ownershipChanged(ownedNow());
    }

    /** Which streams this instance owns as of now: those whose events arrive on a partition it holds. */
    private Predicate<UUID> ownedNow() {
        Set<Integer> partitions = Set.copyOf(owned);
        int count = partitionCount;
        return streamId -> count > 0 && partitions.contains(partitionOf(streamId, count));
    }

    /** The partition of a record keyed by the stream id, as Kafka's default partitioner picks it. */
    public static int partitionOf(UUID streamId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(streamId.toString().getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private boolean lifecycle(TopicPartition partition) {
        return Topics.STREAM_LIFECYCLE.equals(partition.topic());
    }
}
