package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.FfmpegWatch;
import io.fanout.testkit.GapWatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./fanout up} does when a part of it dies, tried as a user would: publish-service
 * killed from outside (SIGKILL) in the middle of a simulcast is said on the console and started
 * again by the launcher, with nothing asked of anyone, and adopts the push still running (the same
 * process, never two, the destination never without it); Prometheus killed likewise comes back;
 * ingest-service killed likewise while a partner is live takes nothing off air: the edge keeps the
 * encoder (its hooks never cut a live publisher) and the session goes on.
 */
class SupervisionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static Edge networks;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        networks = Edge.builder().application("youtube").start();
    }

    @AfterAll
    static void stopPlatform() {
        networks.stop();
    }

    @Test
    void aServiceKilledFromOutsideIsSaidAndStartedAgainAndAdoptsItsRunningPush() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Tennis Tour"));
        Map<String, Object> stream = partner.createStream("Centre court", 0);
        String key = "yt-supervised-" + UUID.randomUUID().toString().substring(0, 8);
        partner.addTarget((String) stream.get("id"),
                partner.createDestination("youtube", "rtmp", networks.rtmpUrl("youtube"), key), PATIENCE);
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        FfmpegWatch pushes = FfmpegWatch.pushes(List.of(key));
        GapWatch gaps = null;
        try {
            await().atMost(PATIENCE).until(() -> networks.isPublishing(key));
            Map<String, Set<Long>> before = pushes.pids();
            gaps = new GapWatch(networks, key);
            int adoptedBefore = platform.logOccurrences(Service.PUBLISH, ": ffmpeg adopted");
            int noticesBefore = platform.supervisionNotices().size();

            ProcessHandle.of(platform.pid(Service.PUBLISH)).ifPresent(ProcessHandle::destroyForcibly);

            await("the launcher says publish-service died and starts it again").atMost(PATIENCE)
                    .until(() -> platform.supervisionNotices().subList(noticesBefore, platform.supervisionNotices().size())
                            .containsAll(List.of("publish-service died: starting it again in 1 s",
                                    "publish-service is running again")));
            await("the restarted publish-service adopted the push").atMost(PATIENCE)
                    .until(() -> platform.logOccurrences(Service.PUBLISH, ": ffmpeg adopted") > adoptedBefore);
            gaps.stop();
            pushes.stop();
            assertThat(pushes.seen()).as("the process pushing through the crash and restart").isEqualTo(before);
            assertThat(pushes.mostAtOnce()).as("pushes to the key at one moment").containsEntry(key, 1);
            assertThat(gaps.longestMillis()).as("longest time the destination had no publisher (ms)").isLessThan(2000);

            if (platform.prometheus() != null) {
                int prometheusNotices = platform.supervisionNotices().size();
                ProcessHandle.of(platform.prometheus().pid()).ifPresent(ProcessHandle::destroyForcibly);
                await("Prometheus started again").atMost(PATIENCE)
                        .until(() -> platform.supervisionNotices().subList(prometheusNotices,
                                platform.supervisionNotices().size()).contains("Prometheus is running again"));
                assertThat(platform.prometheus().isAlive()).isTrue();
            }
        } finally {
            pushes.stop();
            if (gaps != null) {
                gaps.stop();
            }
            encoder.stop();
        }
    }

    @Test
    void ingestKilledWhileLiveTakesNothingOffAir() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Rugby Union"));
        Map<String, Object> stream = partner.createStream("Pitch one");
        String streamId = (String) stream.get("id");
        String key = "yt-ingest-down-" + UUID.randomUUID().toString().substring(0, 8);
        partner.addTarget(streamId, partner.createDestination("youtube", "rtmp", networks.rtmpUrl("youtube"), key),
                PATIENCE);
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        GapWatch gaps = null;
        try {
            await().atMost(PATIENCE).until(() -> networks.isPublishing(key));
            gaps = new GapWatch(networks, key);
            int noticesBefore = platform.supervisionNotices().size();

            ProcessHandle.of(platform.pid(Service.INGEST)).ifPresent(ProcessHandle::destroyForcibly);

            await("the launcher starts ingest-service again").atMost(PATIENCE)
                    .until(() -> platform.supervisionNotices().subList(noticesBefore, platform.supervisionNotices().size())
                            .contains("ingest-service is running again"));
            gaps.stop();
            assertThat(encoder.isRunning()).as("the encoder kept its connection to the edge").isTrue();
            assertThat(gaps.longestMillis()).as("longest time the destination had no publisher (ms)").isLessThan(2000);
            assertThat(partner.stream(streamId)).as("the stream after ingest-service is back").containsEntry("state", "LIVE");
        } finally {
            if (gaps != null) {
                gaps.stop();
            }
            encoder.stop();
        }
    }
}
