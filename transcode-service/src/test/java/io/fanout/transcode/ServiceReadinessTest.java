package io.fanout.transcode;

import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.ReadinessChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service starts against a real Kafka broker and reports itself ready and measurable.
 * It uses the same test resources as the other test classes, so Quarkus starts once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class ServiceReadinessTest extends ReadinessChecks {

    @Override
    protected String[] expectedChecks() {
        return new String[] {"Kafka connection health check"};
    }

    @Override
    protected String[] dashboardMetricPrefixes() {
        // The ladder metrics exist while a ladder runs: LadderMetricsTest checks them with one live.
        return new String[] {"kafka_consumer_"};
    }
}
