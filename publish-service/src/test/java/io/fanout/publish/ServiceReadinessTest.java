package io.fanout.publish;

import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.ReadinessChecks;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service starts against a real Kafka broker and PostgreSQL database and reports itself ready and measurable.
 * It uses the same test resources as the other test classes, so Quarkus starts once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class ServiceReadinessTest extends ReadinessChecks {

    @Override
    protected String[] expectedChecks() {
        return new String[] {"Kafka connection health check", "Database connections health check"};
    }

    @Override
    protected String[] dashboardMetricPrefixes() {
        return new String[] {"fanout_publish_", "kafka_consumer_", "fanout_outbox_"};
    }
}
