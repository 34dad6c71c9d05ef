package io.fanout.platform;

import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.platform.feed.FeedPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./fanout demo}: a demo partner whose upstream provider publishes a day of fixtures (a tennis
 * tournament's order of play and a rugby match); the first match is bound to the demo stream and
 * planned onto three local RTMP servers named after the networks they stand for; a test-pattern
 * encoder goes live; every two seconds the demo shows what the partner's live view says (the match,
 * its stream, each destination's push) beside the bitrate each stand-in really receives.
 */
final class Demo implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern STAT_STREAM = Pattern.compile("<stream>\\s*<name>([^<]*)</name>.*?<bw_in>(\\d+)</bw_in>",
            Pattern.DOTALL);

    private final PrintStream out;
    private final Edge networks;
    private final PartnerApi partner;
    private final String matchId;
    private final Map<String, String> keysByName;
    private final Encoder encoder;

    private Demo(PrintStream out, Edge networks, PartnerApi partner, String matchId, Map<String, String> keysByName,
            Encoder encoder) {
        this.out = out;
        this.networks = networks;
        this.partner = partner;
        this.matchId = matchId;
        this.keysByName = keysByName;
        this.encoder = encoder;
    }

    static Demo start(LocalPlatform platform, PrintStream out) {
        out.println("\n==> demo: local stand-ins for YouTube, Facebook and Twitch");
        Edge networks = Edge.builder().application("youtube").application("facebook").application("twitch").start();
        PartnerApi.NewPartner created = PartnerApi.admin(platform).newPartner("Demo League");
        PartnerApi partner = PartnerApi.admin(platform).as(created.token());
        Map<String, Object> stream = partner.createStream("Demo: Centre Court");
        String streamId = (String) stream.get("id");
        Map<String, String> keysByName = new LinkedHashMap<>();
        List<String> destinations = new ArrayList<>();
        for (String network : List.of("youtube", "facebook", "twitch")) {
            String key = network + "-demo-key";
            String name = "Demo " + network;
            destinations.add(partner.createDestination(name, network.equals("twitch") ? "twitch" : "rtmp",
                    networks.rtmpUrl(network), key));
            keysByName.put(name, key);
        }

        out.println("==> demo: the provider " + DemoFeed.PROVIDER + " publishes today's fixtures onto upstream-fixtures");
        partner.authoriseFeed(DemoFeed.PROVIDER);
        try (FeedPublisher provider = new FeedPublisher(platform.kafkaBootstrapServers())) {
            provider.publish(DemoFeed.PROVIDER, DemoFeed.today(created.id(), Instant.now()));
        }
        String matchId = await("the demo's first match in the catalog").atMost(PATIENCE)
                .until(() -> partner.findMatches(DemoFeed.firstTitle()), matches -> !matches.isEmpty()).get(0).get("id")
                .toString();
        partner.bindAndPlan(matchId, streamId, destinations, "{competition} {stage}: {participants}", PATIENCE);

        out.println("==> demo match " + DemoFeed.firstTitle() + " on stream " + streamId
                + ": going live with a test pattern (1280x720, 30 fps)");
        out.println("    stream from OBS or ffmpeg instead: " + stream.get("ingestUrl") + "  key " + stream.get("streamKey"));
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(1280, 720).videoKbps(2500).start();
        out.println("    partner console:     " + platform.serviceUrl(Service.CATALOG) + "/console  (sign in with the token)");
        out.println("    partner API token:   " + created.token());
        out.println("    watch a destination: ffplay " + networks.rtmpUrl("youtube", "youtube-demo-key"));
        String transcode = platform.serviceUrl(Service.TRANSCODE);
        out.println("    the player (ladder): " + transcode + "/watch/" + streamId + "   (HLS: " + transcode + "/hls/"
                + streamId + "/master.m3u8)");
        return new Demo(out, networks, partner, matchId, keysByName, encoder);
    }

    void showStatusUntilInterrupted() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        boolean terminal = System.console() != null;
        while (true) {
            Map<String, Long> bitrates = bitrates(http);
            StringBuilder view = new StringBuilder(terminal ? "\033[H\033[2J" : "\n");
            view.append("Fanout demo (Ctrl-C stops everything); this is the partner's live view\n\n");
            try {
                Map<String, Object> live = partner.matchLive(matchId);
                Map<?, ?> match = (Map<?, ?>) live.get("match");
                Map<?, ?> stream = (Map<?, ?>) live.get("stream");
                view.append(String.format("match  %s   %s%s%n", match.get("title"), match.get("status"),
                        Boolean.TRUE.equals(match.get("late")) ? " (late)" : ""));
                view.append(String.format("stream %s   player %s%n%n", stream == null ? "-" : stream.get("state"),
                        live.get("playerUrl") == null ? "-" : live.get("playerUrl")));
                view.append(String.format("  %-16s %-10s %-14s %s%n", "destination", "network", "push", "received"));
                for (Object entry : (List<?>) live.get("destinations")) {
                    Map<?, ?> d = (Map<?, ?>) entry;
                    Map<?, ?> push = (Map<?, ?>) d.get("push");
                    String key = keysByName.get(String.valueOf(d.get("name")));
                    view.append(String.format("  %-16s %-10s %-14s %s%n", d.get("name"), d.get("network"),
                            push == null ? "waiting" : push.get("state"),
                            key != null && bitrates.containsKey(key) ? bitrates.get(key) / 1000 + " kb/s" : "-"));
                }
            } catch (PartnerApi.ApiException e) {
                view.append("live view unavailable: ").append(e.getMessage()).append('\n');
            }
            out.print(view);
            TimeUnit.SECONDS.sleep(2);
        }
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
        networks.stop();
    }
}
