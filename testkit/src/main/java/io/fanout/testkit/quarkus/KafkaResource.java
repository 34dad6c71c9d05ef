package io.fanout.testkit.quarkus;

import io.fanout.testkit.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test JVM's shared Kafka broker, and switches Kafka Dev
 * Services off so nothing tries to pull an image. Use with {@code @WithTestResource(KafkaResource.class)}.
 */
public final class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of this JVM and stops when the JVM exits.
    }
}
