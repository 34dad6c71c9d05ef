package io.fanout.testkit;

import io.fanout.kafka.LocalKafka;
import java.nio.file.Path;

/** The broker as a child JVM (see {@link LocalKafka}), used where no Docker engine answers. */
final class ProcessKafkaBroker implements KafkaBroker {

    private final LocalKafka kafka;

    ProcessKafkaBroker(Path workDir) {
        this.kafka = LocalKafka.in(workDir);
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void start() {
        kafka.start();
    }

    @Override
    public void stop() {
        kafka.stop();
    }

    @Override
    public void kill() {
        kafka.kill();
    }

    @Override
    public boolean isRunning() {
        return kafka.isRunning();
    }

    @Override
    public String toString() {
        return "Kafka process at " + bootstrapServers() + " (log " + kafka.logFile() + ")";
    }
}
