package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.testkit.Encoder;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * transcode-service killed with SIGKILL while two streams are live, and started again: it knows
 * from its own records which sessions are live, and both ladders run again within 15 s of its
 * restart (announced again with ladder.started); at no sampled moment (every 20 ms) did a
 * stream have two ladder processes.
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
    void aKilledTranscodeServiceRunsEveryLiveLadderAgainAndNeverTwice() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Tennis Tour"));
        List<Map<String, Object>> streams = List.of(partner.createStream("Court 1", 60), partner.createStream("Court 2", 60));
        List<String> ids = streams.stream().map(s -> (String) s.get("id")).toList();
        List<Encoder> encoders = streams.stream()
                .map(s -> Encoder.to((String) s.get("publishUrl")).size(854, 480).videoKbps(1200).start()).toList();
        LadderWatch watch = new LadderWatch(ids);
        try {
            for (String id : ids) {
                await("ladder of " + id).atMost(PATIENCE).until(() -> ladderStartedSince(id, Instant.EPOCH));
            }
            assertThat(watch.running()).containsOnlyKeys(ids).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));

            Instant killed = Instant.now();
            platform.kill(Service.TRANSCODE);
            platform.restart(Service.TRANSCODE);
            Instant restarted = Instant.now();

            for (String id : ids) {
                await("ladder of " + id + " after the restart").atMost(Duration.ofSeconds(15))
                        .until(() -> ladderStartedSince(id, killed) && watch.running().getOrDefault(id, 0) == 1);
            }
            Duration back = Duration.between(restarted, Instant.now());
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

    private static boolean ladderStartedSince(String stream, Instant since) {
        return renditions.withKey(stream).stream()
                .anyMatch(r -> EventType.LADDER_STARTED.ceType().equals(r.header(CloudEvents.TYPE))
                        && !Instant.parse(r.header(CloudEvents.TIME)).isBefore(since));
    }

    /** Samples the process table: how many ladder ffmpeg processes read each stream, and the most at once. */
    private static final class LadderWatch {
        private final List<String> streams;
        private final Map<String, Integer> most = new ConcurrentHashMap<>();
        private final AtomicInteger samples = new AtomicInteger();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        LadderWatch(List<String> streams) {
            this.streams = streams;
            sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        }

        /** A ladder is the ffmpeg that reads the stream's source and writes a tee. */
        Map<String, Integer> running() {
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                    .flatMap(p -> p.info().arguments().stream().filter(args -> List.of(args).contains("tee"))
                            .flatMap(args -> streams.stream()
                                    .filter(id -> List.of(args).stream().anyMatch(arg -> arg.endsWith("/live/" + id)))))
                    .collect(Collectors.toMap(id -> id, id -> 1, Integer::sum));
        }

        private void sample() {
            running().forEach((id, count) -> most.merge(id, count, Math::max));
            samples.incrementAndGet();
        }

        int samples() {
            return samples.get();
        }

        Map<String, Integer> mostAtOnce() {
            return Map.copyOf(most);
        }

        void stop() {
            sampler.shutdownNow();
        }
    }
}
