package io.fanout.platform.chaos;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Service;
import io.fanout.testkit.FfmpegWatch;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the chaos run keeps on air: two streams, each simulcast to three destinations (three stand-in
 * networks, each its own nginx-rtmp, so that one can freeze alone) with its ladder, a catalog match
 * bound to the first, and two encoders that reconnect when they lose the edge, as OBS and hardware
 * encoders do. It watches the process table throughout (never two pushes for one destination key,
 * never two ladders for one stream) and says whether everything is on air.
 */
final class ChaosScenario implements AutoCloseable {

    static final List<String> NETWORKS = List.of("youtube", "twitch", "facebook");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LocalPlatform platform;
    private final Map<String, Edge> networks = new LinkedHashMap<>();
    private final List<String> streamIds = new ArrayList<>();
    /** Destination key → the stand-in network it is pushed to. */
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<Encoder> encoders = new ArrayList<>();
    /** Encoders taken down on purpose, and until when their operator leaves them down. */
    private final Map<Encoder, Instant> heldUntil = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconnect = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chaos-encoders");
        thread.setDaemon(true);
        return thread;
    });
    private FfmpegWatch pushes;
    private FfmpegWatch ladders;
    private String matchId;

    private ChaosScenario(LocalPlatform platform) {
        this.platform = platform;
    }

    /** Sets everything up and returns once every destination and ladder is on air. */
    static ChaosScenario start(LocalPlatform platform) {
        ChaosScenario scenario = new ChaosScenario(platform);
        try {
            scenario.setUp();
            return scenario;
        } catch (RuntimeException e) {
            scenario.close();
            throw e;
        }
    }

    private void setUp() {
        NETWORKS.forEach(network -> networks.put(network, Edge.builder().application(network).start()));
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Chaos Cup"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> publishUrls = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Map<String, Object> stream = partner.createStream("Court " + i);
            String streamId = (String) stream.get("id");
            streamIds.add(streamId);
            publishUrls.add((String) stream.get("publishUrl"));
            for (String network : NETWORKS) {
                String key = "chaos-" + run + "-" + i + "-" + network;
                keys.put(key, network);
                partner.addTarget(streamId, partner.createDestination(network + " " + i, "rtmp",
                        networks.get(network).rtmpUrl(network), key), PATIENCE);
            }
        }
        matchId = createMatch(partner, platform.serviceUrl(Service.CATALOG), streamIds.get(0));
        pushes = FfmpegWatch.pushes(List.copyOf(keys.keySet()));
        ladders = FfmpegWatch.ladders(streamIds);
        publishUrls.forEach(url -> encoders.add(Encoder.to(url).size(320, 240).start()));
        reconnect.scheduleWithFixedDelay(this::reconnectEncoders, 500, 500, TimeUnit.MILLISECONDS);
        try {
            Awaitility.await("on air").atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(this::onAir);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the scenario never got on air: " + offAir(), e);
        }
    }

    private static String createMatch(PartnerApi partner, String platformCatalog, String streamId) {
        String body = "{\"sport\":\"tennis\",\"competition\":\"Chaos Cup\",\"stage\":\"Final\",\"title\":\"Chaos Cup final\","
                + "\"scheduledStart\":\"" + Instant.now() + "\",\"streamId\":\"" + streamId + "\"}";
        var answer = partner.exchange("POST", platformCatalog + "/v1/matches", body);
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("match not created: " + answer.statusCode() + " " + answer.body());
        }
        return answer.body().replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The encoders' operator: one that lost the edge (or was killed and its pause is over) publishes again. */
    private void reconnectEncoders() {
        Instant now = Instant.now();
        for (Encoder encoder : encoders) {
            Instant held = heldUntil.get(encoder);
            if (held != null && now.isBefore(held)) {
                continue;
            }
            heldUntil.remove(encoder);
            if (!encoder.isRunning()) {
                encoder.start();
            }
        }
    }

    /** Whether every destination has its publisher and every stream its ladder, and both encoders publish. */
    boolean onAir() {
        return offAir().isEmpty();
    }

    /** What is not on air now, named (empty: everything is). */
    List<String> offAir() {
        List<String> off = new ArrayList<>();
        encoders.forEach(encoder -> {
            if (!encoder.isRunning()) {
                off.add("an encoder");
            }
        });
        keys.forEach((key, network) -> {
            if (!publishing(networks.get(network), key)) {
                off.add("destination " + key);
            }
        });
        Map<String, Integer> running = ladders.running();
        streamIds.forEach(stream -> {
            if (running.getOrDefault(stream, 0) < 1) {
                off.add("ladder of " + stream);
            }
        });
        return off;
    }

    private static boolean publishing(Edge network, String key) {
        try {
            return network.isRunning() && network.isPublishing(key);
        } catch (UncheckedIOException frozen) {
            return false;
        }
    }

    Map<String, Edge> networks() {
        return networks;
    }

    List<Encoder> encoders() {
        return encoders;
    }

    /** Leaves an encoder down (its operator does not reconnect it) until {@code until}. */
    void holdEncoder(Encoder encoder, Instant until) {
        heldUntil.put(encoder, until);
    }

    FfmpegWatch pushes() {
        return pushes;
    }

    FfmpegWatch ladders() {
        return ladders;
    }

    List<String> streamIds() {
        return streamIds;
    }

    Set<String> keys() {
        return keys.keySet();
    }

    String matchId() {
        return matchId;
    }

    /** Every process id the scenario saw pushing or transcoding, for the check that none outlives the run. */
    List<Long> mediaProcesses() {
        List<Long> all = new ArrayList<>();
        pushes.seen().values().forEach(all::addAll);
        ladders.seen().values().forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        reconnect.shutdownNow();
        encoders.forEach(Encoder::stop);
        if (pushes != null) {
            pushes.stop();
        }
        if (ladders != null) {
            ladders.stop();
        }
        networks.values().forEach(network -> {
            network.thaw();
            network.stop();
        });
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
