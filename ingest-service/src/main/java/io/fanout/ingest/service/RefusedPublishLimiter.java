package io.fanout.ingest.service;

import io.fanout.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Slows down key guessing: an address whose publishes were refused for unknown keys more than
 * {@code fanout.ingest.refused-publishes-per-minute} times in the current minute is refused outright,
 * without a database lookup, until the minute is over. Logged once per address and minute, with the
 * address and never a key. Kept in memory per instance: a restart forgives, which is acceptable for
 * a brake (the keys have 192 random bits; the brake protects the database, not the keys).
 */
@ApplicationScoped
public class RefusedPublishLimiter {

    private static final Logger LOG = Logger.getLogger(RefusedPublishLimiter.class);
    private static final long MINUTE_MILLIS = 60_000;
    /** More addresses than this in one minute are not tracked (the map stays bounded). */
    private static final int MAX_ADDRESSES = 100_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private volatile long minute;

    @Inject
    public RefusedPublishLimiter(IngestConfig config) {
        this(config.refusedPublishesPerMinute(), Clock.systemUTC());
    }

    RefusedPublishLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Whether publishes from {@code address} are refused outright for the rest of this minute. */
    public boolean limited(String address) {
        roll();
        AtomicInteger count = address == null ? null : refusals.get(address);
        return count != null && count.get() >= limit;
    }

    /** A publish from {@code address} was refused for an unknown key. */
    public void refused(String address) {
        if (address == null) {
            return;
        }
        roll();
        if (refusals.size() >= MAX_ADDRESSES && !refusals.containsKey(address)) {
            return;
        }
        if (refusals.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet() == limit) {
            LOG.warnf("publishes from %s refused for the rest of the minute: %d unknown stream keys", address, limit);
        }
    }

    private void roll() {
        long now = clock.millis() / MINUTE_MILLIS;
        if (now != minute) {
            synchronized (this) {
                if (now != minute) {
                    refusals.clear();
                    minute = now;
                }
            }
        }
    }
}
