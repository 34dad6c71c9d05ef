package io.fanout.platform;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.Topics;
import io.fanout.testkit.Edge;
import io.fanout.testkit.Encoder;
import io.fanout.testkit.TopicRecorder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./fanout demo}: a demo partner with one stream simulcast to three local RTMP servers named
 * after the networks they stand for, a test-pattern encoder going live, and a status view (stream
 * state, each push's last state and the bitrate its destination receives) every two seconds.
 */
final class Demo implements AutoCloseable {

    private static final Pattern STAT_STREAM = Pattern.compile("<stream>\\s*<name>([^<]*)</name>.*?<bw_in>(\\d+)</bw_in>",
            Pattern.DOTALL);

    private record Destination(String network, String app, String key, String targetId) {
    }

    private final PrintStream out;
    private final Edge networks;
    private final PartnerApi partner;
    private final String streamId;
    private final List<Destination> destinations;
    private final Encoder encoder;
    private final TopicRecorder pushStatus;

    private Demo(PrintStream out, Edge networks, PartnerApi partner, String streamId, List<Destination> destinations,
            Encoder encoder, TopicRecorder pushStatus) {
        this.out = out;
        this.networks = networks;
        this.partner = partner;
        this.streamId = streamId;
        this.destinations = destinations;
        this.encoder = encoder;
        this.pushStatus = pushStatus;
    }

    static Demo start(LocalPlatform platform, PrintStream out) {
        out.println("\n==> demo: local stand-ins for YouTube, Facebook and Twitch");
        Edge networks = Edge.builder().application("youtube").application("facebook").application("twitch").start();
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Demo League"));
        Map<String, Object> stream = partner.createStream("Demo match: Lions v Tigers");
        String streamId = (String) stream.get("id");
        TopicRecorder pushStatus = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.PUSH_STATUS));
        List<Destination> destinations = new ArrayList<>();
        for (String network : List.of("youtube", "facebook", "twitch")) {
            String key = network + "-demo-key";
            String destination = partner.createDestination("Demo " + network, network.equals("twitch") ? "twitch" : "rtmp",
                    networks.rtmpUrl(network), key);
            destinations.add(new Destination(network, network, key, partner.addTarget(streamId, destination,
                    Duration.ofSeconds(30))));
        }
        out.println("==> demo stream " + streamId + ": going live with a test pattern (1280x720, 30 fps)");
        out.println("    stream from OBS or ffmpeg instead: " + stream.get("ingestUrl") + "  key " + stream.get("streamKey"));
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(1280, 720).videoKbps(2500).start();
        out.println("    watch a destination: ffplay " + networks.rtmpUrl("youtube", "youtube-demo-key"));
        out.println("    watch the player:    ffplay " + platform.edge().httpUrl() + "/hls/" + streamId + "_360p.m3u8");
        return new Demo(out, networks, partner, streamId, destinations, encoder, pushStatus);
    }

    void showStatusUntilInterrupted() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        boolean terminal = System.console() != null;
        while (true) {
            Map<String, Long> bitrates = bitrates(http);
            StringBuilder view = new StringBuilder(terminal ? "\033[H\033[2J" : "\n");
            view.append("Fanout demo (Ctrl-C stops everything)\n\n");
            view.append(String.format("stream %s   %s%n%n", streamId, state()));
            view.append(String.format("  %-10s %-20s %s%n", "network", "push", "received"));
            for (Destination d : destinations) {
                view.append(String.format("  %-10s %-20s %s%n", d.network(), lastPushState(d.targetId()),
                        bitrates.containsKey(d.key()) ? bitrates.get(d.key()) / 1000 + " kb/s" : "-"));
            }
            out.print(view);
            TimeUnit.SECONDS.sleep(2);
        }
    }

    private String state() {
        try {
            return (String) partner.stream(streamId).get("state");
        } catch (PartnerApi.ApiException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String lastPushState(String targetId) {
        List<TopicRecorder.Recorded> events = pushStatus.withKey(targetId);
        if (events.isEmpty()) {
            return "-";
        }
        String type = events.get(events.size() - 1).header(CloudEvents.TYPE);
        return type.replace("fanout.push.", "").replace(".v1", "");
    }

    /** Bitrate each destination receives, by stream name, from the stand-ins' rtmp_stat. */
    private Map<String, Long> bitrates(HttpClient http) {
        Map<String, Long> rates = new LinkedHashMap<>();
        try {
            String stat = http.send(HttpRequest.newBuilder(URI.create(networks.statUrl())).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = STAT_STREAM.matcher(stat);
            while (m.find()) {
                rates.put(m.group(1), Long.parseLong(m.group(2)));
            }
        } catch (IOException e) {
            return rates;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rates;
    }

    @Override
    public void close() {
        encoder.stop();
        pushStatus.close();
        networks.stop();
    }
}
