package io.fanout.platform;

import io.fanout.kafka.LocalKafka;
import io.fanout.local.Certificates;
import io.fanout.local.Edge;
import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import io.fanout.local.Postgres;
import io.fanout.local.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Fanout on one machine, without containers: a single-node Kafka, a fresh PostgreSQL database per
 * stateful service, the nginx-rtmp edge with its hooks pointing at ingest-service, and the four
 * built services ({@code <module>/target/quarkus-app}) as separate JVMs configured through their
 * environment. Secrets (admin key, edge secret, token keys, credentials key) are generated per run.
 * {@link #close()} stops everything; the test kit's reaper kills what is left if this JVM exits.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The system property that puts a relay between the services and PostgreSQL, for outage tests. */
    public static final String DATABASE_PROXY = "fanout.platform.database-proxy";
    private static final String KAFKA = "Kafka";

    private final Path root;
    private final Ports ports;
    private final String adminKey = secret(32);
    private final String edgeSecret = secret(24);
    private final Map<Service, ManagedProcess> services = new ConcurrentHashMap<>();
    private final Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
    private final Map<Service, Postgres.Database> databases = new EnumMap<>(Service.class);
    private final List<ManagedProcess> extraInstances = new CopyOnWriteArrayList<>();
    private LocalKafka kafka;
    private Edge edge;
    private volatile LocalPrometheus prometheus;
    private Supervision supervision;
    /** With {@value #DATABASE_PROXY} set (the system tests), the services reach PostgreSQL through it. */
    private TcpProxy databaseProxy;
    /** A PostgreSQL server of this run's own (the chaos run stops it hard); null: the machine's. */
    private LocalPostgres ownDatabaseServer;
    private final boolean withOwnDatabaseServer;

    private final Set<Service> running;
    private final Map<String, String> extraEnvironment;

    private LocalPlatform(Path root, Ports ports, Set<Service> running, Map<String, String> extraEnvironment,
            boolean withOwnDatabaseServer) {
        this.root = root;
        this.ports = ports;
        this.running = running;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.withOwnDatabaseServer = withOwnDatabaseServer;
    }

    /**
     * Starts everything and returns once every service reports ready.
     *
     * @param root     the repository root (where the services' modules are built)
     * @param progress told each step as it happens, for a person watching
     */
    public static LocalPlatform start(Path root, Ports ports, Consumer<String> progress) {
        return start(root, ports, progress, EnumSet.allOf(Service.class), Map.of());
    }

    /**
     * As {@link #start(Path, Ports, Consumer)} with only some of the services and extra environment
     * variables for all of them (benchmarks of one service).
     */
    public static LocalPlatform start(Path root, Ports ports, Consumer<String> progress, Set<Service> services,
            Map<String, String> extraEnvironment) {
        return start(new LocalPlatform(root, ports, EnumSet.copyOf(services), extraEnvironment, false), progress);
    }

    /**
     * As {@link #start(Path, Ports, Consumer)} on a PostgreSQL cluster of the run's own, which
     * {@link #crashDatabase} may stop hard and supervision starts again (the chaos run).
     */
    public static LocalPlatform startWithOwnDatabaseServer(Path root, Ports ports, Consumer<String> progress) {
        return start(new LocalPlatform(root, ports, EnumSet.allOf(Service.class), Map.of(), true), progress);
    }

    private static LocalPlatform start(LocalPlatform platform, Consumer<String> progress) {
        try {
            platform.startAll(progress);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public String serviceUrl(Service service) {
        return "http://127.0.0.1:" + ports.of(service);
    }

    /** The process id of a running service (for benchmarks that measure what it costs). */
    public long pid(Service service) {
        return services.get(service).pid();
    }

    public Edge edge() {
        return edge;
    }

    /** The Prometheus scraping the services, with Fanout's alert rules; null where it is not installed. */
    public LocalPrometheus prometheus() {
        return prometheus;
    }

    public String adminKey() {
        return adminKey;
    }

    /** The base URL of ingest-service's edge hooks, secret included, as the edge calls them. */
    public String edgeHooksUrl() {
        return serviceUrl(Service.INGEST) + "/internal/edge/" + edgeSecret;
    }

    /** A stateful service's database, for tests that check what was committed. */
    public Postgres.Database database(Service service) {
        return databases.get(service);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Where the logs of this run are. */
    public Path logDirectory() {
        return Paths.target();
    }

    /** How many times a service's log (all its runs here) says {@code text}. */
    public int logOccurrences(Service service, String text) {
        try {
            return Files.readString(logDirectory().resolve(service.module() + ".log")).split(Pattern.quote(text), -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAll(Consumer<String> progress) {
        for (Service service : running) {
            Path app = ServiceJvm.appJar(root, service);
            if (!Files.isRegularFile(app)) {
                throw new IllegalStateException(app + " is missing: build first (./mvnw -B package -DskipTests)");
            }
        }
        progress.accept("starting Kafka (single node, KRaft)");
        kafka = LocalKafka.in(Paths.fresh("kafka"));
        kafka.start();
        progress.accept("Kafka ready at " + kafka.bootstrapServers());
        Postgres databaseServer = Postgres.fromEnvironment();
        if (withOwnDatabaseServer) {
            ownDatabaseServer = LocalPostgres.create();
            databaseServer = ownDatabaseServer.server();
            progress.accept("PostgreSQL cluster of this run's own on port " + ownDatabaseServer.port());
        }
        for (Service service : running) {
            if (service.database() != null) {
                databases.put(service, databaseServer.createDatabase(service.database()));
            }
        }
        progress.accept("PostgreSQL databases created");
        if (Boolean.getBoolean(DATABASE_PROXY) && !databases.isEmpty()) {
            URI server = URI.create(databases.values().iterator().next().jdbcUrl().substring("jdbc:".length()));
            databaseProxy = TcpProxy.to(server.getHost(), server.getPort());
        }
        String hooks = edgeHooksUrl();
        // RTMPS for encoders that want TLS (a self-signed certificate: encoders verify nothing unless told to).
        edge = Edge.builder().ports(ports.edgeRtmp(), ports.edgeHttp())
                .rtmps(ports.edgeRtmps(), Certificates.authority().selfSignedFor("localhost"))
                .hooks(hooks).start();
        progress.accept("edge (nginx-rtmp) listening: " + edge.ingestUrl() + ", " + edge.secureIngestUrl() + ", "
                + edge.httpUrl());
        ServiceEnvironment run = new ServiceEnvironment(ports, kafka.bootstrapServers(), edge, adminKey, edgeSecret,
                Base64.getEncoder().encodeToString(bytes(32)), databaseProxy == null ? 0 : databaseProxy.port(),
                extraEnvironment);
        for (Service service : running) {
            environments.put(service, run.of(service, databases.get(service)));
            services.put(service, launch(service, environments.get(service)));
        }
        for (Service service : running) {
            progress.accept("waiting for " + service.module());
            awaitReady(service);
            progress.accept(service.module() + " ready at " + serviceUrl(service));
        }
        if (LocalPrometheus.installed()) {
            prometheus = LocalPrometheus.start(root, ports.services(), ports.prometheus());
            progress.accept("Prometheus (scraping the services, with Fanout's alert rules) at " + prometheus.url());
        } else {
            progress.accept("Prometheus is not installed (apt-get install prometheus): no metrics are kept");
        }
        supervise(progress);
    }

    /**
     * From now on a part that dies is said on the console and started again with back-off
     * ({@link Supervision}). PostgreSQL is the machine's own server, which its init system keeps,
     * unless the run has its own.
     */
    private void supervise(Consumer<String> progress) {
        supervision = new Supervision(progress);
        if (ownDatabaseServer != null) {
            supervision.watch("PostgreSQL", ownDatabaseServer::isRunning, ownDatabaseServer::start);
        }
        supervision.watch(KAFKA, kafka::isRunning, kafka::start);
        supervision.watch("the edge (nginx-rtmp)", edge::isRunning, edge::start);
        for (Service service : running) {
            supervision.watch(service.module(), () -> services.get(service).isAlive(), () -> relaunch(service));
        }
        if (prometheus != null) {
            supervision.watch("Prometheus", () -> prometheus.isAlive(),
                    () -> prometheus = LocalPrometheus.start(root, ports.services(), ports.prometheus()));
        }
    }

    /**
     * Crashes from outside, as a fault would, and leaves the part to supervision to start again: the
     * broker and the edge by SIGKILL, a service by SIGKILL of its JVM, the run's own PostgreSQL by an
     * immediate shutdown (no checkpoint: crash recovery at its next start).
     */
    public void crashKafka() {
        kafka.kill();
    }

    /** As {@link #crashKafka}, for the edge. */
    public void crashEdge() {
        edge.kill();
    }

    /** As {@link #crashKafka}, for a service. */
    public void crash(Service service) {
        services.get(service).kill();
    }

    /** As {@link #crashKafka}, for the run's own PostgreSQL ({@link #startWithOwnDatabaseServer}). */
    public void crashDatabase() {
        if (ownDatabaseServer == null) {
            throw new IllegalStateException("the machine's PostgreSQL is not this run's to stop: startWithOwnDatabaseServer");
        }
        ownDatabaseServer.stopImmediately();
    }

    /** Whether every part supervision watches is running (the broker, the edge, PostgreSQL of its own, each service). */
    public boolean allRunning() {
        return kafka.isRunning() && edge.isRunning() && (ownDatabaseServer == null || ownDatabaseServer.isRunning())
                && running.stream().allMatch(service -> services.get(service).isAlive());
    }

    /** Kills the broker with SIGKILL (no controlled shutdown); supervision leaves it to {@link #startKafka}. */
    public void killKafka() {
        supervision.hold(KAFKA);
        kafka.kill();
    }

    public boolean kafkaRunning() {
        return kafka.isRunning();
    }

    /** Starts the broker again on its data, and waits until it serves. */
    public void startKafka() {
        kafka.start();
        supervision.release(KAFKA);
    }

    /**
     * Takes PostgreSQL away from every service, as a server that is down: their connections break
     * and new ones are refused (needs {@value #DATABASE_PROXY}). {@link #restoreDatabase} gives it back.
     */
    public void cutDatabase() {
        proxy().cut();
    }

    public void restoreDatabase() {
        proxy().restore();
    }

    private TcpProxy proxy() {
        if (databaseProxy == null) {
            throw new IllegalStateException("start with -D" + DATABASE_PROXY + "=true to take the database away");
        }
        return databaseProxy;
    }

    /** What the launcher's supervision said so far: which part died, when it is started again. */
    public List<String> supervisionNotices() {
        return supervision.notices();
    }

    /**
     * Kills one service with SIGKILL, as a crash would: no shutdown, no goodbye to Kafka. The
     * launcher's supervision leaves it dead for the caller to {@link #restart} (killing its process
     * from outside is a crash supervision answers).
     */
    public void kill(Service service) {
        supervision.hold(service.module());
        services.get(service).kill();
    }

    /** Starts a service again with the configuration it had, and waits until it is ready. */
    public void restart(Service service) {
        stop(service);
        relaunch(service);
        supervision.release(service.module());
    }

    /**
     * Stops a service as an orchestrator would (SIGTERM, its shutdown runs), and waits until it has
     * exited; it stays stopped until {@link #restart}.
     */
    public void stop(Service service) {
        supervision.hold(service.module());
        services.get(service).stop(15);
    }

    /**
     * Starts one more instance of a service beside the first, as a rolling upgrade does: the same
     * configuration (the same directory of running pushes, which the instances hand to each other),
     * but its own HTTP port and its own Kafka group membership ({@code FANOUT_INSTANCE_ID}). Returns
     * once it is ready; {@link Instance#stop} stops it gracefully, and {@link #close} stops it if
     * nothing did.
     */
    public Instance startInstance(Service service, String name) {
        String instance = service.module() + "-" + name;
        String url = "http://127.0.0.1:" + LocalKafka.freePort();
        Map<String, String> env = new HashMap<>(environments.get(service));
        env.put("FANOUT_HTTP_PORT", url.substring(url.lastIndexOf(':') + 1));
        env.put("FANOUT_INSTANCE_ID", instance);
        ManagedProcess process = ServiceJvm.launch(root, instance, service, env);
        extraInstances.add(process);
        ServiceJvm.awaitReady(instance, process, url);
        return new Instance(process, url);
    }

    /** A further instance of a service ({@link #startInstance}). */
    public record Instance(ManagedProcess process, String url) {
        /** Stops it gracefully (SIGTERM) and waits until it has exited. */
        public void stop() {
            process.stop(15);
        }
    }

    /** Starts the service's JVM (again) with the configuration it was given, and waits until it is ready. */
    private void relaunch(Service service) {
        services.put(service, launch(service, environments.get(service)));
        awaitReady(service);
    }

    private ManagedProcess launch(Service service, Map<String, String> env) {
        return ServiceJvm.launch(root, service.module(), service, env);
    }

    private void awaitReady(Service service) {
        ServiceJvm.awaitReady(service.module(), services.get(service), serviceUrl(service));
    }

    @Override
    public void close() {
        if (supervision != null) {
            supervision.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        extraInstances.forEach(process -> process.stop(15));
        services.values().forEach(process -> process.stop(15));
        // Pushes and ladders outlive their service on purpose (the next instance adopts them): the
        // launcher stops what it started, found by the directory their reports go to.
        Map<String, String> publish = environments.get(Service.PUBLISH);
        if (publish != null) {
            ServiceJvm.stopProcessesUsing(publish.get("FANOUT_PUBLISH_RUNNER_STATE_DIR"));
        }
        Map<String, String> transcode = environments.get(Service.TRANSCODE);
        if (transcode != null) {
            ServiceJvm.stopProcessesUsing(transcode.get("FANOUT_MEDIA_DIR"));
        }
        if (databaseProxy != null) {
            databaseProxy.close();
        }
        if (edge != null) {
            edge.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (ownDatabaseServer != null) {
            ownDatabaseServer.close();
        }
    }

    private static String secret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
