package io.fanout.testkit;

import io.fanout.local.Paths;

/**
 * A real Apache Kafka broker for tests: a child JVM running the Kafka the build manages, or a
 * Testcontainers container where a Docker engine answers. One broker serves a whole test JVM
 * ({@link #shared()}); fault tests stop, kill and start it again on the same data.
 */
public interface KafkaBroker {

    /** The {@code bootstrap.servers} value clients use; it stays the same across restarts. */
    String bootstrapServers();

    /** Starts the broker, or starts it again on its existing data, and waits until it serves. */
    void start();

    /** Graceful shutdown (SIGTERM). */
    void stop();

    /** SIGKILL: no flush, no controlled shutdown. */
    void kill();

    boolean isRunning();

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    static KafkaBroker shared() {
        return SharedKafka.INSTANCE;
    }

    /** A broker of its own, not started, for tests that must not disturb the shared one. */
    static KafkaBroker dedicated() {
        return Docker.available() ? new ContainerKafkaBroker() : new ProcessKafkaBroker(Paths.fresh("kafka"));
    }
}
