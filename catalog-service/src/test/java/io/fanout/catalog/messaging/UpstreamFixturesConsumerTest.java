package io.fanout.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fixture consumers never hold every worker thread. */
class UpstreamFixturesConsumerTest {

    @Test
    void workersMustOutnumberTheFixtureConsumers() {
        assertThatCode(() -> UpstreamFixturesConsumer.requireWorkersBeyond(8, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> UpstreamFixturesConsumer.requireWorkersBeyond(3, 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FANOUT_WORKER_THREADS (3)").hasMessageContaining("FANOUT_FIXTURE_CONSUMERS (3)");
    }
}
