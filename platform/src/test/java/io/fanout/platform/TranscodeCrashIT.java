package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.local.Encoder;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * transcode-service killed with SIGKILL while two streams are live, and started again: it knows
 * from its own records which sessions are live and adopts both ladders, which never stopped (the
 * same processes throughout); it supervises them from then on (a ladder killed afterwards runs
 * again within 15 s); at no sampled moment (every 20 ms) did a stream have two ladder processes.
 */
class TranscodeCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static TopicRecorder renditions;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        renditions = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.RENDITIONS));
    }

    @AfterAll
    static void stopRecording() {
        renditions.close();
    }

    @Test
    void aKilledTranscodeServicesLaddersAreAdoptedAndSupervisedAndNeverRunTwice() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Tennis Tour"));
        List<Map<String, Object>> streams = List.of(partner.createStream("Court 1", 60), partner.createStream("Court 2", 60));
        List<String> ids = streams.stream().map(s -> (String) s.get("id")).toList();
        List<Encoder> encoders = streams.stream()
                .map(s -> Encoder.to((String) s.get("publishUrl")).size(854, 480).videoKbps(1200).start()).toList();
        FfmpegWatch watch = FfmpegWatch.ladders(ids);
        try {
            for (String id : ids) {
                await("ladder of " + id).atMost(PATIENCE).until(() -> ladderStartedSince(id, Instant.EPOCH));
            }
            assertThat(watch.running()).containsOnlyKeys(ids).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));

            Map<String, Set<Long>> before = watch.pids();
            int adoptedBefore = adoptions();
            platform.kill(Service.TRANSCODE);
            platform.restart(Service.TRANSCODE);

            await("both ladders adopted").atMost(PATIENCE).until(() -> adoptions() >= adoptedBefore + ids.size());
            assertThat(watch.seen()).as("the ladder processes through the crash").isEqualTo(before);

            String stream = ids.get(0);
            long killed = before.get(stream).iterator().next();
            Instant killedAt = Instant.now();
            ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
            await("the adopted ladder killed, run again").atMost(Duration.ofSeconds(15)).until(() -> watch.pids()
                    .getOrDefault(stream, Set.of()).stream().anyMatch(pid -> pid != killed));
            Duration back = Duration.between(killedAt, Instant.now());
            watch.stop();
            assertThat(back).isLessThanOrEqualTo(Duration.ofSeconds(15));
            assertThat(watch.samples()).as("the process table was sampled throughout").isGreaterThan(100);
            assertThat(watch.mostAtOnce()).as("ladder processes of one stream at the same moment")
                    .allSatisfy((id, most) -> assertThat(most).isEqualTo(1));
        } finally {
            watch.stop();
            encoders.forEach(Encoder::stop);
        }
    }

    /** How many ladders the service's log says it adopted so far. */
    private static int adoptions() {
        return platform.logOccurrences(Service.TRANSCODE, ": adopted the running ladder");
    }

    private static boolean ladderStartedSince(String stream, Instant since) {
        return renditions.withKey(stream).stream()
                .anyMatch(r -> EventType.LADDER_STARTED.ceType().equals(r.header(CloudEvents.TYPE))
                        && !Instant.parse(r.header(CloudEvents.TIME)).isBefore(since));
    }
}
