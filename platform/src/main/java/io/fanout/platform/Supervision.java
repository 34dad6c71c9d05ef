package io.fanout.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What {@code ./fanout up} does for the parts it started: looks at each once a second, and one that
 * died (a service, the broker, the edge, Prometheus) is said on the console and started again, after
 * 1 s, then 2, 4, ... up to 30 s while it keeps dying; a part that ran for a minute since its last
 * start is back to 1 s. A part taken down on purpose ({@link #hold}) is left alone until
 * {@link #release released}. A restarted publish- or transcode-service adopts the pushes and ladders
 * still running, so nothing runs twice.
 */
final class Supervision implements AutoCloseable {

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    /** One supervised part: whether it is alive, and how to start it again (returns once it serves). */
    private record Part(String name, BooleanSupplier alive, Runnable start) {
    }

    /** How a part has fared: when it was last started, and how long the next wait is. */
    private static final class Record {
        private Instant started = Instant.now();
        private Duration wait = FIRST_WAIT;
        private Instant retryAt;
    }

    private final Map<String, Part> parts = new ConcurrentHashMap<>();
    private final Map<String, Record> records = new ConcurrentHashMap<>();
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Consumer<String> console;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fanout-supervision");
        thread.setDaemon(true);
        return thread;
    });

    Supervision(Consumer<String> console) {
        this.console = console;
        checker.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Supervises a part from now on. */
    void watch(String name, BooleanSupplier alive, Runnable start) {
        parts.put(name, new Part(name, alive, start));
        records.put(name, new Record());
    }

    /** The part is taken down on purpose: leave it alone. */
    void hold(String name) {
        held.put(name, true);
    }

    /** The part is up again through its owner: supervise it again, as freshly started. */
    void release(String name) {
        records.put(name, new Record());
        held.remove(name);
    }

    /** What supervision said so far, oldest first. */
    List<String> notices() {
        return List.copyOf(notices);
    }

    private void check() {
        for (Part part : parts.values()) {
            if (held.containsKey(part.name())) {
                continue;
            }
            Record record = records.get(part.name());
            Instant now = Instant.now();
            if (part.alive().getAsBoolean()) {
                if (record.retryAt == null && record.started.plus(STABLE).isBefore(now)) {
                    record.wait = FIRST_WAIT;
                }
                continue;
            }
            if (record.retryAt == null) {
                record.retryAt = now.plus(record.wait);
                say(part.name() + " died: starting it again in " + record.wait.toSeconds() + " s");
            } else if (!now.isBefore(record.retryAt)) {
                restart(part, record);
            }
        }
    }

    private void restart(Part part, Record record) {
        Duration next = record.wait.multipliedBy(2);
        record.wait = next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next;
        record.retryAt = null;
        record.started = Instant.now();
        try {
            part.start().run();
            say(part.name() + " is running again");
        } catch (RuntimeException e) {
            say(part.name() + " did not start: " + e.getMessage());
        }
    }

    private void say(String notice) {
        notices.add(notice);
        console.accept(notice);
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
