package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.GapWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade of publish-service with local pushes, as an operator runs it on one machine:
 * a second instance is started beside the first, the first is stopped (SIGTERM) and started again,
 * and the second is stopped. The streams change hands at every step, and their pushes with them:
 * each push is released by the instance that stops owning its stream and adopted by the one that
 * starts, so every destination keeps its publisher (sampled every 100 ms), the very same ffmpeg
 * process pushes to it throughout, and at no sampled instant (every 20 ms) do two push to one key.
 * At the end the instance left supervises them: a push killed then is started again.
 */
class RollingUpgradeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static Edge networks;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        networks = Edge.builder().application("youtube").application("twitch").application("facebook").start();
    }

    @AfterAll
    static void stopPlatform() {
        networks.stop();
    }

    @Test
    void aRollingUpgradeHandsEveryRunningPushOverAndTheInstanceLeftSupervisesThem() throws IOException {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Rugby Union"));
        Map<String, Object> stream = partner.createStream("Test match", 0);
        String streamId = (String) stream.get("id");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> keys = new LinkedHashMap<>(Map.of("youtube", "yt-roll-" + run, "twitch", "tw-roll-" + run,
                "facebook", "fb-roll-" + run));
        keys.forEach((network, key) -> partner.addTarget(streamId,
                partner.createDestination(network, "rtmp", networks.rtmpUrl(network), key), PATIENCE));
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        List<GapWatch> gaps = new ArrayList<>();
        FfmpegWatch pushes = FfmpegWatch.pushes(List.copyOf(keys.values()));
        LocalPlatform.Instance second = null;
        try {
            awaitEveryDestinationPublishing(keys);
            Map<String, Set<Long>> before = pushes.pids();
            keys.values().forEach(key -> gaps.add(new GapWatch(networks, key)));

            second = platform.startInstance(Service.PUBLISH, "b");
            platform.stop(Service.PUBLISH);
            platform.restart(Service.PUBLISH);
            second.stop();
            awaitEveryDestinationPublishing(keys);
            await().atMost(PATIENCE).until(() -> gaps.stream().noneMatch(GapWatch::inGap));

            gaps.forEach(GapWatch::stop);
            assertThat(gaps.stream().map(GapWatch::longestMillis).toList())
                    .as("longest time each destination had no publisher (ms), of these gaps: %s",
                            gaps.stream().map(GapWatch::gaps).toList())
                    .allSatisfy(millis -> assertThat(millis).isLessThan(2000));
            assertThat(pushes.seen()).as("the processes that pushed to each key during the upgrade")
                    .isEqualTo(before);
            assertThat(Files.readString(second.process().logFile()).split(": ffmpeg adopted", -1))
                    .as("pushes the second instance adopted (when it joined or when the first stopped)")
                    .hasSizeGreaterThan(keys.size());
            assertThat(pushes.samples()).as("the process table was sampled throughout").isGreaterThan(100);
            assertThat(pushes.mostAtOnce()).as("pushes to one key at the same moment, by key")
                    .containsOnlyKeys(keys.values()).allSatisfy((key, most) -> assertThat(most).isEqualTo(1));

            String killedKey = keys.get("twitch");
            long killed = before.get(killedKey).iterator().next();
            ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
            await("the push killed after the upgrade, started again by the instance left").atMost(PATIENCE)
                    .until(() -> networks.isPublishing(killedKey)
                            && pushes.pids().getOrDefault(killedKey, Set.of()).stream().anyMatch(pid -> pid != killed));
            pushes.stop();
            assertThat(pushes.mostAtOnce()).as("pushes to one key at the same moment, by key")
                    .allSatisfy((key, most) -> assertThat(most).isEqualTo(1));
        } finally {
            pushes.stop();
            gaps.forEach(GapWatch::stop);
            encoder.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    private static void awaitEveryDestinationPublishing(Map<String, String> keys) {
        keys.values().forEach(key -> await().atMost(PATIENCE).until(() -> networks.isPublishing(key)));
    }
}
