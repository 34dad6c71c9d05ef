package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.GapWatch;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * publish-service killed with SIGKILL in the middle of a live stream with three destinations, and
 * started again: the pushes it left running are adopted, not started again (the same processes
 * push throughout and every destination keeps its publisher), the restarted instance supervises
 * them (a push killed afterwards is started again and broadcasts), and at no moment did two ffmpeg
 * processes push to the same destination key (sampled from the process table every 20 ms).
 */
class PublishCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static Edge networks;
    private static TopicRecorder pushStatus;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        networks = Edge.builder().application("youtube").application("twitch").application("facebook").start();
        pushStatus = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.PUSH_STATUS));
    }

    @AfterAll
    static void stopPlatform() {
        pushStatus.close();
        networks.stop();
    }

    @Test
    void aKilledPublishServicesPushesAreAdoptedBroadcastOnAndNeverRunTwiceForOneKey() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Esports Finals"));
        Map<String, Object> stream = partner.createStream("Grand final", 0);
        String streamId = (String) stream.get("id");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> keys = Map.of("youtube", "yt-crash-" + run, "twitch", "tw-crash-" + run,
                "facebook", "fb-crash-" + run);
        Map<String, String> targets = new HashMap<>();
        keys.forEach((network, key) -> targets.put(key, partner.addTarget(streamId,
                partner.createDestination(network, "rtmp", networks.rtmpUrl(network), key), PATIENCE)));
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        FfmpegWatch watch = FfmpegWatch.pushes(keys.values().stream().toList());
        List<GapWatch> gaps = new ArrayList<>();
        try {
            for (String target : targets.values()) {
                await().atMost(PATIENCE).until(() -> broadcastsSince(target, Instant.EPOCH));
            }
            Map<String, Set<Long>> before = watch.pids();
            assertThat(before).as("one push per key before the crash").containsOnlyKeys(keys.values())
                    .allSatisfy((key, pids) -> assertThat(pids).hasSize(1));
            keys.values().forEach(key -> gaps.add(new GapWatch(networks, key)));

            int adoptedBefore = adoptions();
            platform.kill(Service.PUBLISH);
            platform.restart(Service.PUBLISH);

            String killedKey = keys.get("twitch");
            long killedPid = before.get(killedKey).iterator().next();
            await("the restarted instance adopted the pushes").atMost(PATIENCE)
                    .until(() -> adoptions() >= adoptedBefore + keys.size());
            gaps.forEach(GapWatch::stop);
            assertThat(watch.seen()).as("the processes that pushed to each key through the crash").isEqualTo(before);
            assertThat(gaps.stream().map(GapWatch::longestMillis).toList())
                    .as("longest time each destination had no publisher through the crash (ms)")
                    .allSatisfy(millis -> assertThat(millis).isLessThan(2000));

            Instant killed = Instant.now();
            ProcessHandle.of(killedPid).ifPresent(ProcessHandle::destroyForcibly);
            await("an adopted push that dies is started again").atMost(PATIENCE)
                    .until(() -> broadcastsSince(targets.get(killedKey), killed));
            for (Map.Entry<String, String> network : keys.entrySet()) {
                Probe.awaitMedia(networks.rtmpUrl(network.getKey(), network.getValue()), PATIENCE,
                        media -> media.isH264Aac(320, 240));
            }
            watch.stop();
            assertThat(watch.samples()).as("the process table was sampled throughout").isGreaterThan(100);
            assertThat(watch.mostAtOnce()).as("pushes to one key at the same moment, by key")
                    .allSatisfy((key, most) -> assertThat(most).isEqualTo(1));
        } finally {
            watch.stop();
            gaps.forEach(GapWatch::stop);
            encoder.stop();
        }
    }

    /** How many pushes the service's log says it adopted so far. */
    private static int adoptions() {
        return platform.logOccurrences(Service.PUBLISH, ": ffmpeg adopted");
    }

    private static boolean broadcastsSince(String target, Instant since) {
        return pushStatus.withKey(target).stream()
                .anyMatch(r -> EventType.PUSH_BROADCASTING.ceType().equals(r.header(CloudEvents.TYPE))
                        && !Instant.parse(r.header(CloudEvents.TIME)).isBefore(since));
    }
}
