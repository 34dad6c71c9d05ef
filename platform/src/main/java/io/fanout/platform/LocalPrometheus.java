package io.fanout.platform;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.Json;
import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local Prometheus (Debian's {@code prometheus}) scraping the local platform's four services, with
 * Fanout's alert rules: {@code deploy/prometheus/prometheus.yml} and {@code alerts.yml} as compose
 * runs them, the services' compose addresses replaced by the local ones. Scrapes and evaluates every
 * {@code fanout.prometheus.interval} (default 10 s, as compose).
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final ManagedProcess process;

    private LocalPrometheus(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Whether this machine has Prometheus ({@code ./fanout setup} installs it). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus"));
    }

    /** Starts Prometheus on {@code port} scraping the services at {@code servicePorts}; returns once it is ready. */
    public static LocalPrometheus start(Path root, Map<Service, Integer> servicePorts, int port) {
        Path dir = Paths.fresh("prometheus");
        String interval = System.getProperty("fanout.prometheus.interval", "10s");
        try {
            String config = Files.readString(root.resolve("deploy/prometheus/prometheus.yml"))
                    .replace("scrape_interval: 10s", "scrape_interval: " + interval)
                    .replace("evaluation_interval: 10s", "evaluation_interval: " + interval);
            for (Map.Entry<Service, Integer> service : servicePorts.entrySet()) {
                String composeAddress = "\"" + service.getKey().module() + ":" + service.getKey().defaultPort() + "\"";
                if (!config.contains(composeAddress)) {
                    throw new IllegalStateException("deploy/prometheus/prometheus.yml does not scrape " + composeAddress);
                }
                config = config.replace(composeAddress, "\"127.0.0.1:" + service.getValue() + "\"");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), config);
            Files.copy(root.resolve("deploy/prometheus/alerts.yml"), dir.resolve("alerts.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("prometheus", List.of("/usr/bin/prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), dir.resolve("prometheus.log"));
        LocalPrometheus prometheus = new LocalPrometheus(port, process);
        await("Prometheus ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .failFast("Prometheus exited; see " + process.logFile(), () -> !process.isAlive())
                .until(prometheus::ready);
        return prometheus;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The answer of {@code /api/v1/query} for {@code promql}, evaluated now. */
    public JsonNode query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The alerts pending or firing now ({@code /api/v1/alerts}). */
    public JsonNode alerts() {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    /** The scrape targets and their health ({@code /api/v1/targets}). */
    public JsonNode targets() {
        return get("/api/v1/targets").path("data").path("activeTargets");
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.stop(10);
    }
}
