package io.fanout.testkit;

import static org.awaitility.Awaitility.await;

import io.fanout.kafka.LocalKafka;
import io.fanout.local.Certificates;
import io.fanout.local.Edge;
import io.fanout.local.ManagedProcess;
import io.fanout.local.Paths;
import io.fanout.local.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An RTMPS ingest as the networks run one (Facebook's takes only {@code rtmps://}): nginx's
 * {@code stream} module terminating TLS with a given certificate in front of a plain nginx-rtmp
 * server, so what a push sends over TLS arrives as RTMP where ffprobe can check it.
 */
public final class TlsStandIn implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final ManagedProcess nginx;

    private TlsStandIn(Path dir, int port, ManagedProcess nginx) {
        this.dir = dir;
        this.port = port;
        this.nginx = nginx;
    }

    /** Terminates TLS with {@code certificate} on a free port of 127.0.0.1 and forwards to {@code rtmpPort}. */
    public static TlsStandIn start(Certificates.ServerCertificate certificate, int rtmpPort) {
        Path dir = Paths.fresh("tls-stand-in");
        int port = LocalKafka.freePort();
        String config = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                load_module %2$s;
                events {
                    worker_connections 256;
                }
                stream {
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %4$s;
                        ssl_certificate_key %5$s;
                        proxy_pass 127.0.0.1:%6$d;
                    }
                }
                """.formatted(dir, Tools.streamModule(), port, certificate.certificate(), certificate.key(), rtmpPort);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("nginx.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess nginx = ManagedProcess.start("nginx-tls", List.of(Tools.nginx(), "-p", dir + "/", "-c",
                dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString()), dir.resolve("nginx.out"));
        await("the TLS stand-in listening on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .failFast("nginx exited; see " + dir.resolve("error.log"), () -> !nginx.isAlive())
                .until(() -> Edge.accepts(port));
        return new TlsStandIn(dir, port, nginx);
    }

    /** {@code rtmps://<host>:<port>/<application>}: {@code host} is the name a push checks the certificate against. */
    public String rtmpsUrl(String host, String application) {
        return "rtmps://" + host + ":" + port + "/" + application;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        nginx.stop(5);
    }
}
