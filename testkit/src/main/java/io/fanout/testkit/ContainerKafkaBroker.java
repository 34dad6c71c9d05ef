package io.fanout.testkit;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.fanout.kafka.LocalKafka;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The broker as a Testcontainers container, used where a Docker engine answers. The host port is
 * fixed when the container is created, so a container killed and started again keeps the address
 * it advertises and clients reconnect as they do to the process broker. CI here has no Docker
 * engine, so this path is exercised only on machines that have one.
 */
final class ContainerKafkaBroker implements KafkaBroker {

    private static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    private static final int KAFKA_PORT = 9092;

    private final int hostPort = LocalKafka.freePort();
    private final KafkaContainer container = new KafkaContainer(IMAGE)
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindPort(hostPort), new ExposedPort(KAFKA_PORT))));
    private boolean created;

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + hostPort;
    }

    @Override
    public synchronized void start() {
        if (!created) {
            container.start();
            created = true;
        } else if (!isRunning()) {
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
            LocalKafka.awaitServing(bootstrapServers(), Duration.ofSeconds(90), this::isRunning, "docker logs "
                    + container.getContainerId());
        }
    }

    @Override
    public synchronized void stop() {
        if (isRunning()) {
            DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized void kill() {
        if (isRunning()) {
            DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return created && Boolean.TRUE.equals(DockerClientFactory.instance().client()
                .inspectContainerCmd(container.getContainerId()).exec().getState().getRunning());
    }
}
