package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void delaysDoubleFromTheFirstUpToTheMaximum() {
        // The middle of the jitter range: the bare delays.
        assertThat(policy.delayBefore(2, () -> 0.5)).contains(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(3, () -> 0.5)).contains(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(4, () -> 0.5)).contains(Duration.ofSeconds(4));
        assertThat(policy.delayBefore(5, () -> 0.5)).contains(Duration.ofSeconds(8));
        assertThat(policy.delayBefore(6, () -> 0.5)).contains(Duration.ofSeconds(10));
    }

    @Test
    void noAttemptBeyondTheMaximum() {
        assertThat(policy.delayBefore(7, () -> 0.5)).isEmpty();
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).delayBefore(2, () -> 0.5)).isEmpty();
    }

    @Test
    void jitterSpreadsEachDelayByAFifthEitherWay() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            Duration delay = policy.delayBefore(4, random::nextDouble).orElseThrow();
            assertThat(delay).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
        }
        assertThat(policy.delayBefore(4, () -> 0.0)).contains(Duration.ofMillis(3200));
    }

    @Test
    void aPolicyThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
