package io.fanout.platform;

import io.fanout.kafka.LocalKafka;
import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import io.fanout.local.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the platform's own (initdb into a fresh directory, the server as a child
 * process on a free port), for runs that must be able to stop it hard: the chaos run stops it in
 * immediate mode (SIGQUIT to the postmaster, no checkpoint: crash recovery at the next start) and
 * starts it again, which the machine's shared server must not suffer. As root the server runs as
 * the {@code postgres} user, since PostgreSQL refuses to run as root. Connections are trusted from
 * this machine only.
 */
final class LocalPostgres implements AutoCloseable {

    private static final String USER = "fanout";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private volatile ManagedProcess server;

    private LocalPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = Paths.target().resolve("postgres-" + port + ".log");
    }

    /** Whether Debian's PostgreSQL server binaries are installed. */
    static boolean installed() {
        return binaries() != null;
    }

    /** Makes a new cluster and starts its server; returns once it accepts connections. */
    static LocalPostgres create() {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL's server is not installed (apt-get install postgresql)");
        }
        try {
            Path home = Files.createTempDirectory("fanout-postgres-");
            Path data = home.resolve("data");
            Files.createDirectories(data);
            ownedByTheServer(home);
            ownedByTheServer(data);
            LocalPostgres cluster = new LocalPostgres(bin, data, LocalKafka.freePort());
            cluster.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "--no-sync", "-E", "UTF8"));
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a PostgreSQL cluster", e);
        }
    }

    /** The server, on which each service's database is made. */
    Postgres server() {
        return Postgres.at("127.0.0.1:" + port, USER, USER);
    }

    int port() {
        return port;
    }

    boolean isRunning() {
        ManagedProcess current = server;
        return current != null && current.isAlive();
    }

    /** Starts the server on the cluster's data (after a crash: recovery first) and waits until it accepts connections. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        server = ManagedProcess.start("postgres", asServer(List.of(bin.resolve("postgres").toString(), "-D",
                dataDir.toString(), "-p", Integer.toString(port), "-k", dataDir.toString(), "-c",
                "listen_addresses=127.0.0.1")), logFile);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepting()) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not start: " + server.logTail(20));
            }
            pause();
        }
    }

    /** Immediate shutdown (SIGQUIT): every backend quits at once, nothing is checkpointed, as a crash. */
    synchronized void stopImmediately() {
        ManagedProcess current = server;
        if (current != null && current.isAlive()) {
            current.signal("QUIT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (current.isAlive() && System.nanoTime() < deadline) {
                pause();
            }
            if (current.isAlive()) {
                current.kill();
            }
        }
    }

    @Override
    public synchronized void close() {
        ManagedProcess current = server;
        if (current != null) {
            current.stop(20);
        }
        try (Stream<Path> files = Files.walk(dataDir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException notYet) {
            return false;
        }
        ProcessBuilder ready = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", USER, "-d", "postgres");
        try {
            Process check = ready.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(List<String> command) {
        ManagedProcess step = ManagedProcess.start(command.get(0), asServer(command), logFile);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (step.isAlive() && System.nanoTime() < deadline) {
            pause();
        }
        if (step.isAlive() || step.exitCode() != 0) {
            step.kill();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + step.logTail(20));
        }
    }

    /** As root, the command as the postgres user (setpriv execs it: the process is the server itself). */
    private static List<String> asServer(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        as.addAll(command);
        return as;
    }

    private static void ownedByTheServer(Path path) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName("postgres"));
        }
    }

    private static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return null;
        }
        try (Stream<Path> all = Files.list(versions)) {
            return all.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0")))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
