package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.testkit.Edge;
import io.fanout.testkit.Encoder;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * publish-service killed with SIGKILL in the middle of a live stream with three destinations, and
 * started again: every destination is broadcasting again, and at no moment did two ffmpeg processes
 * push to the same destination key (sampled from the process table every 20 ms throughout).
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
    void aKilledPublishServiceBroadcastsToEveryDestinationAgainAndNeverPushesTwiceToOneKey() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Esports Finals"));
        Map<String, Object> stream = partner.createStream("Grand final", 0);
        String streamId = (String) stream.get("id");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> keys = Map.of("youtube", "yt-crash-" + run, "twitch", "tw-crash-" + run,
                "facebook", "fb-crash-" + run);
        List<String> targets = keys.entrySet().stream().map(network -> partner.addTarget(streamId,
                partner.createDestination(network.getKey(), "rtmp", networks.rtmpUrl(network.getKey()), network.getValue()),
                PATIENCE)).toList();
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        FfmpegWatch watch = FfmpegWatch.pushes(keys.values().stream().toList());
        try {
            for (String target : targets) {
                await().atMost(PATIENCE).until(() -> broadcastsSince(target, Instant.EPOCH));
            }
            assertThat(watch.running()).as("one push per key before the crash").containsOnlyKeys(keys.values())
                    .allSatisfy((key, count) -> assertThat(count).isEqualTo(1));

            Instant killed = Instant.now();
            platform.kill(Service.PUBLISH);
            platform.restart(Service.PUBLISH);

            for (String target : targets) {
                await().atMost(PATIENCE).until(() -> broadcastsSince(target, killed));
            }
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
            encoder.stop();
        }
    }

    private static boolean broadcastsSince(String target, Instant since) {
        return pushStatus.withKey(target).stream()
                .anyMatch(r -> EventType.PUSH_BROADCASTING.ceType().equals(r.header(CloudEvents.TYPE))
                        && !Instant.parse(r.header(CloudEvents.TIME)).isBefore(since));
    }
}
