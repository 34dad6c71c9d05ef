package io.fanout.publish.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a broken push is tried again: the second attempt after {@code firstDelay}, each further one
 * after twice the previous delay, never more than {@code maxDelay}, each delay spread by ±20 % so
 * that pushes which broke together do not come back together; no attempt after {@code maxAttempts}
 * (the push is then {@code exhausted} until someone asks to retry now).
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    /** How far a delay is spread either way. */
    public static final double JITTER = 0.2;

    public RetryPolicy {
        if (maxAttempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry policy: at least one attempt, 0 <= first delay <= max delay");
        }
    }

    /**
     * The wait before attempt number {@code attempt} (2 for the first retry), or empty if the policy
     * allows no such attempt. {@code random} gives numbers in [0, 1).
     */
    public Optional<Duration> delayBefore(int attempt, DoubleSupplier random) {
        if (attempt > maxAttempts) {
            return Optional.empty();
        }
        double base = firstDelay.toMillis();
        for (int i = 2; i < attempt && base < maxDelay.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, maxDelay.toMillis());
        double spread = base * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        return Optional.of(Duration.ofMillis(Math.round(spread)));
    }
}
