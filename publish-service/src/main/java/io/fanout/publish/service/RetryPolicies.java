package io.fanout.publish.service;

import io.fanout.publish.config.PublishConfig;
import io.fanout.publish.domain.RetryPolicy;
import io.fanout.publish.persistence.DestinationRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The retry policy of pushes to a destination: the destination's own attempts and longest wait
 * where it has them, the service's ({@code fanout.publish.retry-*}) otherwise. The first wait is
 * always the service's {@code restart-delay}, shortened to the longest wait if that is shorter.
 */
@ApplicationScoped
public class RetryPolicies {

    private final PublishConfig config;

    public RetryPolicies(PublishConfig config) {
        this.config = config;
    }

    /**
     * Whether a push that has broadcast since {@code since} broke after a steady broadcast: then its
     * retries start over, so that a hiccup an hour into a final waits the first delay (not the
     * longest) and never brings the push closer to exhausted.
     */
    public boolean steady(Instant since, Instant brokeAt) {
        return !since.plus(config.retrySteadyAfter()).isAfter(brokeAt);
    }

    public RetryPolicy of(DestinationRow destination) {
        int attempts = destination.retryMaxAttempts() != null ? destination.retryMaxAttempts() : config.retryMaxAttempts();
        Duration maxDelay = destination.retryMaxDelay() != null ? destination.retryMaxDelay() : config.retryMaxDelay();
        Duration first = config.restartDelay().compareTo(maxDelay) > 0 ? maxDelay : config.restartDelay();
        return new RetryPolicy(attempts, first, maxDelay);
    }
}
