package io.fanout.publish.messaging;

import io.fanout.publish.service.PushSupervisor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A graceful stop hands this instance's streams to the others at once. A static member of the
 * consumer group ({@code FANOUT_INSTANCE_ID}) keeps its partitions through a stop for
 * {@code session.timeout.ms}, so that an instance restarted under the same name gets them back
 * without a rebalance: right after a crash, but during a rolling upgrade, where another instance
 * is ready to take over, every stream's pushes would go unsupervised for those seconds (a push
 * that broke meanwhile would wait for its retry). And the Kafka connector closes its consumers one
 * after the other, each after a grace of twice its poll timeout, so the {@code stream-lifecycle}
 * consumer alone could close seconds into the stop.
 *
 * <p>So as soon as the application stops, before the connector: every push is released (it runs
 * on for its adopter) and nothing starts here any more; the {@code stream-lifecycle} consumer is
 * closed; then the instance removes itself from the group through the admin API (KIP-345), which
 * moves its partitions to the others in one rebalance. In that order: a stream's new owner adopts
 * its pushes only once nobody supervises them here, and a closed consumer cannot join the group
 * again and take a partition back.
 */
@ApplicationScoped
class GroupDeparture {

    private static final Logger LOG = Logger.getLogger(GroupDeparture.class);
    private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(5);

    private final PushSupervisor supervisor;
    private final KafkaClientService clients;
    private final Map<String, Object> kafka;
    private final String group;
    private final Optional<String> instance;
    private volatile Admin admin;

    GroupDeparture(PushSupervisor supervisor, KafkaClientService clients, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.incoming.stream-lifecycle.group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming.stream-lifecycle.group.instance.id") Optional<String> instance) {
        this.supervisor = supervisor;
        this.clients = clients;
        this.kafka = kafka;
        this.group = group;
        this.instance = instance.filter(id -> !id.isBlank());
    }

    /**
     * The admin client is made at the start, with its connection: made at the stop, it took 0.4 s
     * of every handover (measured).
     */
    void prepare(@Observes StartupEvent started) {
        instance.ifPresent(member -> {
            Map<String, Object> config = new HashMap<>();
            kafka.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, member + "-departure");
            admin = Admin.create(config);
            admin.describeCluster().clusterId();
        });
    }

    void leave(@Observes ShutdownEvent stopping) {
        supervisor.releaseAll();
        if (admin == null) {
            // A dynamic member leaves the group itself when the connector closes its consumer.
            return;
        }
        // The connector's own close, early; its later one finds the consumer closed and skips it.
        if (clients.getConsumer(StreamLifecycleConsumer.CHANNEL) instanceof ReactiveKafkaConsumer<?, ?> consumer) {
            consumer.close();
            removeFromGroup(instance.get());
        } else {
            LOG.warnf("cannot close the %s consumer early: its streams move after the session timeout",
                    StreamLifecycleConsumer.CHANNEL);
        }
    }

    private void removeFromGroup(String member) {
        try (Admin client = admin) {
            client.removeMembersFromConsumerGroup(group,
                    new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(member))))
                    .all().get(REMOVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("left consumer group %s as %s: its streams move to the other instances now", group, member);
        } catch (Exception e) {
            // Not fatal: the partitions move after session.timeout.ms instead.
            LOG.warnf("could not leave consumer group %s as %s (%s): its streams move after the session timeout",
                    group, member, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
