package io.fanout.local;

import static org.awaitility.Awaitility.await;

import io.fanout.kafka.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fanout edge for tests and the local launcher: a real nginx with {@code ngx_rtmp_module}, started
 * on free ports from the edge's one configuration template ({@code deploy/edge/nginx.conf.template},
 * which the edge image renders too). Application {@code live} is the ingest ({@code rtmp://.../live/<key>})
 * with the ingest-service hooks; application {@code hls} writes HLS for whatever is published to it
 * (renditions); application {@code renditions} relays ladders' rungs without HLS; further plain
 * applications can stand in for destinations. HTTP serves {@code /stat}
 * (rtmp_stat), {@code /control} (rtmp_control) and {@code /hls/<name>.m3u8}. The ingest application
 * writes no HLS: its HLS files would be named after the stream key. nginx runs as a single process ({@code master_process off}) so that
 * stop and kill act on exactly one pid.
 */
public final class Edge {

    /** The ingest application partners publish to. */
    public static final String INGEST_APP = "live";
    /** The application whose streams are written as HLS and served under {@code /hls/}. */
    public static final String HLS_APP = "hls";
    /** The application transcode-service relays each rung of a ladder to (RTMP only, no HLS). */
    public static final String RELAY_APP = "renditions";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dir;
    private final int rtmpPort;
    private final int httpPort;
    private final String hooks;
    private final int rtmpsPort;
    private final Certificates.ServerCertificate certificate;
    private final List<String> extraApplications;
    private final Map<String, List<String>> pushes;
    private ManagedProcess nginx;

    private Edge(Builder builder) {
        this.dir = Paths.fresh("edge");
        this.rtmpPort = builder.rtmpPort > 0 ? builder.rtmpPort : LocalKafka.freePort();
        this.httpPort = builder.httpPort > 0 ? builder.httpPort : LocalKafka.freePort();
        this.hooks = builder.hooks;
        this.certificate = builder.certificate;
        this.rtmpsPort = certificate == null ? 0 : builder.rtmpsPort > 0 ? builder.rtmpsPort : LocalKafka.freePort();
        this.extraApplications = List.copyOf(builder.applications);
        this.pushes = Map.copyOf(builder.pushes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code rtmp://127.0.0.1:<port>/<application>}: where an encoder publishes, minus the key. */
    public String rtmpUrl(String application) {
        return "rtmp://127.0.0.1:" + rtmpPort + "/" + application;
    }

    /** {@code rtmp://127.0.0.1:<port>/<application>/<name>}. */
    public String rtmpUrl(String application, String name) {
        return rtmpUrl(application) + "/" + name;
    }

    public String ingestUrl() {
        return rtmpUrl(INGEST_APP);
    }

    /** {@code rtmps://127.0.0.1:<port>/live}: the ingest over TLS; null for an edge without RTMPS. */
    public String secureIngestUrl() {
        return certificate == null ? null : "rtmps://127.0.0.1:" + rtmpsPort + "/" + INGEST_APP;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String statUrl() {
        return httpUrl() + "/stat";
    }

    public String hlsUrl(String name) {
        return httpUrl() + "/hls/" + name + ".m3u8";
    }

    public int rtmpPort() {
        return rtmpPort;
    }

    public Path directory() {
        return dir;
    }

    public synchronized boolean isRunning() {
        return nginx != null && nginx.isAlive();
    }

    /** Writes the configuration and starts nginx; returns when both ports accept connections. */
    public synchronized Edge start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dir.resolve("hls"));
            Files.createDirectories(dir.resolve("temp"));
            Files.writeString(dir.resolve("nginx.conf"), config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nginx = ManagedProcess.start("nginx", List.of(Tools.nginx(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()), dir.resolve("nginx.out"));
        ManagedProcess started = nginx;
        await("nginx listening on " + rtmpPort + " and " + httpPort)
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .failFast("nginx exited; see " + dir.resolve("error.log"), () -> !started.isAlive())
                .until(() -> accepts(rtmpPort) && accepts(httpPort) && (certificate == null || accepts(rtmpsPort)));
        return this;
    }

    public synchronized void stop() {
        if (nginx != null) {
            nginx.stop(10);
        }
    }

    /** SIGKILL: publishers and players lose their connections without a close. */
    public synchronized void kill() {
        if (nginx != null) {
            nginx.kill();
        }
    }

    /**
     * SIGSTOP: the server stops answering without closing anything. Connections stay open and the
     * kernel keeps accepting bytes into socket buffers until they are full.
     */
    public synchronized void freeze() {
        if (nginx != null) {
            nginx.signal("STOP");
        }
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void thaw() {
        if (nginx != null) {
            nginx.signal("CONT");
        }
    }

    /** Whether the edge's statistics ({@code /stat}) show the stream named {@code name} (a publisher or a player). */
    public boolean hasStream(String name) {
        return stat().contains("<name>" + name + "</name>");
    }

    /** Whether the edge's statistics ({@code /stat}) show a publisher of the stream named {@code name}. */
    public boolean isPublishing(String name) {
        return streamStat(name).contains("<publishing/>");
    }

    /** How many clients read the stream named {@code name} (its players: pushes, probes, viewers). */
    public int readers(String name) {
        String stream = streamStat(name);
        int clients = stream.split("<client>", -1).length - 1;
        return stream.contains("<publishing/>") ? clients - 1 : clients;
    }

    /** The {@code /stat} element of the stream named {@code name}, from its name on; empty if there is none. */
    private String streamStat(String name) {
        String stat = stat();
        int at = stat.indexOf("<name>" + name + "</name>");
        if (at < 0) {
            return "";
        }
        int end = stat.indexOf("</stream>", at);
        return stat.substring(at, end < 0 ? stat.length() : end);
    }

    /** The process id of the running nginx (it runs as a single process). */
    public synchronized long pid() {
        if (nginx == null) {
            throw new IllegalStateException("the edge is not running");
        }
        return nginx.pid();
    }

    /** The edge's statistics: the XML of nginx-rtmp's {@code /stat} (streams, clients, bytes, dropped frames). */
    public String stat() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(statUrl())).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The last lines of nginx's error log, for failure messages. */
    public String errorLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("error.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    /** Whether something accepts TCP connections on {@code port} of 127.0.0.1. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The edge's configuration: the one template every edge is rendered from (see {@link EdgeConfig}). */
    private String config() {
        StringBuilder apps = new StringBuilder();
        for (String application : extraApplications) {
            apps.append("        application ").append(application).append(" {\n")
                    .append("            live on;\n            record off;\n");
            for (String push : pushes.getOrDefault(application, List.of())) {
                apps.append("            push ").append(push).append(";\n");
            }
            apps.append("        }\n");
        }
        Map<String, String> values = new HashMap<>();
        values.put("EDGE_DIR", dir.toString());
        values.put("EDGE_ERROR_LOG", dir.resolve("error.log").toString());
        values.put("EDGE_ACCESS_LOG", dir.resolve("access.log").toString());
        values.put("RTMP_MODULE", Tools.rtmpModule());
        values.put("RTMP_LISTEN", "127.0.0.1:" + rtmpPort);
        values.put("HTTP_LISTEN", "127.0.0.1:" + httpPort);
        values.put("WITH_HOOKS", hooks == null ? "#" : "");
        values.put("HOOKS_URL", hooks == null ? "-" : hooks);
        values.put("EXTRA_APPLICATIONS", apps.toString());
        if (certificate == null) {
            values.putAll(EdgeConfig.WITHOUT_RTMPS);
        } else {
            values.put("WITH_RTMPS", "");
            values.put("STREAM_MODULE", Tools.streamModule());
            values.put("RTMPS_LISTEN", "127.0.0.1:" + rtmpsPort);
            values.put("TLS_CERTIFICATE", certificate.certificate().toString());
            values.put("TLS_KEY", certificate.key().toString());
            values.put("RTMP_UPSTREAM", "127.0.0.1:" + rtmpPort);
        }
        return EdgeConfig.render(values);
    }

    /** Configuration of an edge before it starts. */
    public static final class Builder {
        private String hooks;
        private int rtmpsPort;
        private Certificates.ServerCertificate certificate;
        private final List<String> applications = new ArrayList<>();
        private final Map<String, List<String>> pushes = new HashMap<>();
        private int rtmpPort;
        private int httpPort;

        private Builder() {
        }

        /** Fixed ports instead of free ones (the local launcher serves the usual 1935). */
        public Builder ports(int rtmpPort, int httpPort) {
            this.rtmpPort = rtmpPort;
            this.httpPort = httpPort;
            return this;
        }

        /**
         * The base URL of the ingest hooks: nginx calls {@code <hooks>/on_publish} before accepting a
         * publish (a 2xx answer allows it, anything else refuses) and {@code /on_publish_done} when it
         * ends; nothing while it goes on (what may not go on, ingest-service drops through /control).
         * Without hooks every publish is accepted.
         */
        public Builder hooks(String baseUrl) {
            this.hooks = baseUrl;
            return this;
        }

        /**
         * RTMPS ingest as well: TLS with {@code certificate} ended by nginx's stream module on
         * {@code port} (0: a free one) and passed on to the RTMP listener.
         */
        public Builder rtmps(int port, Certificates.ServerCertificate certificate) {
            this.rtmpsPort = port;
            this.certificate = certificate;
            return this;
        }

        /** A plain live application, for example one standing in for a social network's ingest. */
        public Builder application(String name) {
            applications.add(name);
            return this;
        }

        /**
         * A plain live application that relays whatever is published to it to each of {@code urls}
         * with nginx-rtmp's static {@code push} directive (the baseline simulcast).
         */
        public Builder pushingApplication(String name, List<String> urls) {
            applications.add(name);
            pushes.put(name, List.copyOf(urls));
            return this;
        }

        public Edge build() {
            return new Edge(this);
        }

        public Edge start() {
            return build().start();
        }
    }
}
