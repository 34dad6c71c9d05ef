package io.fanout.platform;

import static org.awaitility.Awaitility.await;

import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A service as the local platform runs it: a JVM on its built app, ready once its health says so. */
final class ServiceJvm {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private ServiceJvm() {
    }

    /** The service's runnable app, as {@code ./mvnw package} builds it. */
    static Path appJar(Path root, Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the service's JVM as {@code name} (its log and GC log are named after it). Each runs with
     * {@code -Xms256m -Xmx384m -XX:+UseSerialGC}: with {@code -Xms64m} young collections came every
     * few hundred milliseconds under load and made up most of {@code on_publish}'s p99.
     */
    static ManagedProcess launch(Path root, String name, Service service, Map<String, String> env) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx384m", "-XX:+UseSerialGC", "-Xlog:gc:file=" + Paths.target().resolve(name + "-gc.log"),
                "-jar", appJar(root, service).toString());
        return ManagedProcess.start(name, command, env, Paths.target().resolve(name + ".log"));
    }

    /** Waits until the service at {@code url} reports ready; fails at once if its process exits. */
    static void awaitReady(String name, ManagedProcess process, String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await(name + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .failFast(name + " exited; see " + process.logFile() + "\n" + process.logTail(20),
                        () -> !process.isAlive())
                .until(() -> {
                    try {
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    /**
     * Stops (SIGTERM, then SIGKILL after 5 s) every process with an argument inside
     * {@code directory}: the pushes and ladders a service left running, found by where their
     * reports go.
     */
    static void stopProcessesUsing(String directory) {
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.startsWith(directory + "/")))
                .toList();
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
    }
}
