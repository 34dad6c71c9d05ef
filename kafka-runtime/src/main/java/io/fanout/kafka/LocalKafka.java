package io.fanout.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as a
 * child JVM on the Kafka version the build manages. The first start formats the storage; later
 * starts reuse it, so {@link #stop()} or {@link #kill()} followed by {@link #start()} keeps every
 * record the broker had written. Ports are chosen once and kept across restarts so clients can
 * reconnect. The child halts by itself if this JVM dies (see {@link OrphanGuard}).
 */
public final class LocalKafka implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalKafka.class.getName());
    private static final String CLASSPATH_RESOURCE = "io/fanout/kafka/broker.classpath";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path logFile;
    private final int brokerPort;
    private final int controllerPort;
    private final String heap;
    private Process process;

    /**
     * A broker in {@code workDir} with the heap {@code fanout.kafka.heap} names (default {@code 512m}),
     * as the launcher and the tests run it.
     */
    public static LocalKafka in(Path workDir) {
        return new LocalKafka(workDir, System.getProperty("fanout.kafka.heap", "512m"));
    }

    /**
     * @param workDir where the broker keeps its data ({@code data/}), its configuration and its log
     * @param heap    maximum heap of the broker JVM, such as {@code 512m}
     */
    public LocalKafka(Path workDir, String heap) {
        this(workDir, heap, freePort(), freePort());
    }

    public LocalKafka(Path workDir, String heap, int brokerPort, int controllerPort) {
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("kafka.log");
        this.heap = heap;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (formatting its storage the first time) and waits until it serves clients. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(config);
            }
            process = launch("kafka.Kafka", List.of(config.toString()));
            awaitReady();
            LOG.log(System.Logger.Level.INFO, "Kafka broker ready at {0} (log: {1})", bootstrapServers(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + dataDir, e);
        }
    }

    /** Stops the broker gracefully (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker with SIGKILL: no flush, no controlled shutdown. */
    public synchronized void kill() {
        end(true);
    }

    @Override
    public void close() {
        stop();
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // One local node: after a SIGKILL the restarted broker re-registers as soon as the old
                // session expires, so keep that session short (defaults: 9 s session, 2 s heartbeat).
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true")));
        Path config = dataDir.getParent().resolve("server.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "written by " + LocalKafka.class.getName());
        }
        return config;
    }

    private void format(Path config) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        Process formatter = launch("kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"));
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-cp", classpath(),
                OrphanGuard.class.getName(), Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    private void awaitReady() {
        awaitServing(bootstrapServers(), READY_TIMEOUT, process::isAlive, logFile.toString());
    }

    /**
     * Waits until a broker at {@code bootstrapServers} answers a cluster description, or fails
     * when {@code alive} turns false or the timeout passes. {@code where} names the log to read.
     */
    public static void awaitServing(String bootstrapServers, Duration timeout, BooleanSupplier alive, String where) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!alive.getAsBoolean()) {
                    throw new IllegalStateException("Kafka exited before it was ready; see " + where);
                }
                try {
                    // Each attempt blocks up to its 1 s timeout while the broker is not up yet.
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka not ready after " + timeout + "; see " + where);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** The broker's classpath: the Kafka jars Maven resolved for this module, plus this module. */
    static String classpath() {
        try (InputStream in = LocalKafka.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build the kafka-runtime module with Maven");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path self = Path.of(LocalKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ports handed out for listeners started later come from below Linux's ephemeral range
     * (32768-60999): a port the kernel chose ({@code new ServerSocket(0)}) could be given to an
     * outgoing connection before its listener binds it (seen: Prometheus could not bind its port).
     */
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    private static final SecureRandom PORTS = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port that was free a moment ago, for servers that must be told their port up front. */
    public static int freePort() {
        for (int tries = 0; tries < 200; tries++) {
            int port = FIRST_PORT + PORTS.nextInt(LAST_PORT - FIRST_PORT);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + LAST_PORT);
    }

    /** A fresh directory name under {@code parent}, for brokers that must not share data. */
    public static Path freshDir(Path parent, String prefix) {
        return parent.resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
