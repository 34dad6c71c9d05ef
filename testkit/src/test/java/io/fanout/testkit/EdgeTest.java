package io.fanout.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Encoder -> edge -> probe on real nginx-rtmp and ffmpeg, with the edge's hooks answered over HTTP. */
class EdgeTest {

    private static final Duration MEDIA_DEADLINE = Duration.ofSeconds(30);

    private HttpServer hooks;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private Edge edge;
    private Encoder encoder;

    @BeforeEach
    void startEdgeWithHooks() throws IOException {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            calls.add(exchange.getRequestURI().getPath() + "?" + query);
            boolean allowed = !exchange.getRequestURI().getPath().equals("/on_publish") || query.contains("name=good-key");
            exchange.sendResponseHeaders(allowed ? 200 : 403, -1);
            exchange.close();
        });
        hooks.start();
        String base = "http://127.0.0.1:" + hooks.getAddress().getPort();
        edge = Edge.builder().hooks(base).application("youtube").start();
    }

    @AfterEach
    void stopAll() {
        if (encoder != null) {
            encoder.kill();
        }
        edge.stop();
        hooks.stop(0);
    }

    @Test
    void anAuthorisedPublishCarriesH264AndAacToPlayers() {
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, "good-key")).size(320, 240).start();

        Probe.Media rtmp = Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, "good-key"), MEDIA_DEADLINE,
                media -> media.isH264Aac(320, 240));

        assertThat(rtmp.video()).hasValueSatisfying(v -> assertThat(v.codec()).isEqualTo("h264"));
        assertThat(calls).anyMatch(call -> call.startsWith("/on_publish?") && call.contains("name=good-key"));

        encoder.stop();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> calls.stream().anyMatch(call -> call.startsWith("/on_publish_done?") && call.contains("good-key")));
    }

    @Test
    void theHlsApplicationServesWhatIsPublishedToItAndTheIngestWritesNoHls() throws Exception {
        encoder = Encoder.to(edge.rtmpUrl(Edge.HLS_APP, "rendition")).size(320, 240).start();
        Encoder ingest = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, "good-key")).size(320, 240).start();
        try {
            Probe.Media hls = Probe.awaitMedia(edge.hlsUrl("rendition"), MEDIA_DEADLINE, media -> media.isH264Aac(320, 240));
            Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, "good-key"), MEDIA_DEADLINE, media -> media.video().isPresent());

            assertThat(hls.audio()).hasValueSatisfying(a -> assertThat(a.codec()).isEqualTo("aac"));
            try (var files = java.nio.file.Files.list(edge.directory().resolve("hls"))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("good-key"));
            }
        } finally {
            ingest.kill();
        }
    }

    @Test
    void aRefusedKeyIsDroppedAndNothingIsPlayable() {
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, "bad-key")).size(320, 240).start();

        encoder.awaitExit(Duration.ofSeconds(15));

        assertThat(calls).anyMatch(call -> call.startsWith("/on_publish?") && call.contains("name=bad-key"));
        assertThat(Probe.probe(edge.rtmpUrl(Edge.INGEST_APP, "bad-key")).tracks()).isEmpty();
    }

    @Test
    void otherApplicationsStandInForDestinationsAndStatsSeeThePublisher() throws Exception {
        encoder = Encoder.to(edge.rtmpUrl("youtube", "dest-key")).size(320, 240).start();

        Probe.awaitMedia(edge.rtmpUrl("youtube", "dest-key"), MEDIA_DEADLINE, media -> media.isH264Aac(320, 240));

        String stat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(edge.statUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(stat).contains("<name>youtube</name>").contains("<name>dest-key</name>").contains("<publishing/>");
    }

    @Test
    void killingTheEdgeDropsTheEncoder() {
        encoder = Encoder.to(edge.rtmpUrl(Edge.INGEST_APP, "good-key")).size(320, 240).start();
        Probe.awaitMedia(edge.rtmpUrl(Edge.INGEST_APP, "good-key"), MEDIA_DEADLINE, media -> media.video().isPresent());

        edge.kill();

        assertThat(edge.isRunning()).isFalse();
        encoder.awaitExit(Duration.ofSeconds(20));
    }
}
