package io.fanout.platform;

import io.fanout.platform.feed.FeedCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local launcher behind {@code ./fanout up} and {@code ./fanout demo}: starts the platform,
 * prints where everything is, and (demo) goes live with a test pattern to three local stand-ins for
 * the networks. Ctrl-C stops everything it started.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "up";
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        PrintStream out = System.out;
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPlatform[] platform = new LocalPlatform[1];
        Demo[] demo = new Demo[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\n==> stopping");
            if (demo[0] != null) {
                demo[0].close();
            }
            if (platform[0] != null) {
                platform[0].close();
            }
            try {
                Files.deleteIfExists(root.resolve(FeedCommand.BOOTSTRAP_FILE));
            } catch (java.io.IOException ignored) {
                // a stale address only makes ./fanout feed fail to connect
            }
            stopped.countDown();
            out.println("==> stopped");
        }, "fanout-stop"));

        platform[0] = LocalPlatform.start(root, Ports.standard(), Console::step);
        // ./fanout feed publishes to this broker unless told otherwise.
        Path bootstrap = root.resolve(FeedCommand.BOOTSTRAP_FILE);
        Files.createDirectories(bootstrap.getParent());
        Files.writeString(bootstrap, platform[0].kafkaBootstrapServers() + "\n");
        printWhereEverythingIs(platform[0], out);
        if (command.equals("demo")) {
            demo[0] = Demo.start(platform[0], out);
            demo[0].showStatusUntilInterrupted();
        } else {
            out.println("\nRunning. Ctrl-C stops everything.");
            stopped.await();
        }
    }

    private static void printWhereEverythingIs(LocalPlatform platform, PrintStream out) {
        out.println();
        out.println("Fanout is up.");
        out.println("  RTMP ingest        " + platform.edge().ingestUrl() + "/<streamKey>");
        out.println("  RTMPS ingest       " + platform.edge().secureIngestUrl() + "/<streamKey> (self-signed certificate)");
        out.println("  edge HTTP          " + platform.edge().httpUrl() + "  (/stat)");
        if (platform.prometheus() != null) {
            out.println("  Prometheus         " + platform.prometheus().url() + "  (the services' metrics, Fanout's alerts; "
                    + "the dashboard is deploy/grafana/fanout.json)");
        }
        for (Service service : Service.values()) {
            String url = platform.serviceUrl(service);
            out.printf("  %-18s %s%s%n", service.module(), url,
                    service.partnerApi() ? "   OpenAPI " + url + "/q/openapi   Swagger UI " + url + "/q/swagger-ui"
                            : service == Service.TRANSCODE ? "   player /watch/<streamId>   HLS /hls/<streamId>/master.m3u8" : "");
        }
        out.println("  partner console    " + platform.serviceUrl(Service.CATALOG) + "/console");
        out.println("  Kafka              " + platform.kafkaBootstrapServers() + "   (./fanout feed FILE publishes fixtures here)");
        out.println("  admin API key      " + platform.adminKey() + "   (Authorization: Bearer <key> on /v1/partners)");
        out.println("  logs               " + platform.logDirectory());
    }
}
