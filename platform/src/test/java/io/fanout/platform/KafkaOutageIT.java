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
import io.fanout.testkit.TopicRecorder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker killed (SIGKILL) in the middle of a simulcast: the live stream's push goes on (the
 * same process, its destination never without it); a second stream that goes live meanwhile is committed by ingest and its {@code stream.started}
 * waits in the outbox, reaching {@code stream-lifecycle} once the broker is back, when its
 * destination is served too.
 */
class KafkaOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void withTheBrokerDownMediaFlowsAndChangesWaitInTheOutboxUntilItIsBack() throws Exception {
        Edge networks = Edge.builder().application("youtube").application("twitch").start();
        TopicRecorder lifecycle = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.STREAM_LIFECYCLE));
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Broker Outage FC"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> live = partner.createStream("Derby", 0);
        Map<String, Object> later = partner.createStream("Second half", 0);
        String liveKey = "yt-outage-" + run;
        String laterKey = "tw-outage-" + run;
        partner.addTarget((String) live.get("id"), partner.createDestination("YouTube", "rtmp", networks.rtmpUrl("youtube"),
                liveKey), PATIENCE);
        partner.addTarget((String) later.get("id"), partner.createDestination("Twitch", "rtmp", networks.rtmpUrl("twitch"),
                laterKey), PATIENCE);
        Encoder encoder = Encoder.to((String) live.get("publishUrl")).size(320, 240).start();
        Encoder second = null;
        FfmpegWatch pushes = FfmpegWatch.pushes(List.of(liveKey));
        GapWatch gaps = null;
        try {
            await().atMost(PATIENCE).until(() -> networks.isPublishing(liveKey));
            Map<String, Set<Long>> before = pushes.pids();
            gaps = new GapWatch(networks, liveKey);

            platform.killKafka();
            second = Encoder.to((String) later.get("publishUrl")).size(320, 240).start();
            await("the second stream's start committed, waiting in the outbox").atMost(PATIENCE)
                    .until(() -> pendingInIngest() > 0);
            assertThat(started(lifecycle, (String) later.get("id"))).as("on the topic while the broker is down").isFalse();
            assertThat(networks.isPublishing(liveKey)).as("the live destination, with the broker down").isTrue();

            platform.startKafka();
            await("the second stream's start on stream-lifecycle once the broker is back").atMost(PATIENCE)
                    .until(() -> started(lifecycle, (String) later.get("id")));
            await("ingest's outbox drained").atMost(PATIENCE).until(() -> pendingInIngest() == 0);
            await("the second stream's destination served").atMost(PATIENCE).until(() -> networks.isPublishing(laterKey));
            gaps.stop();
            assertThat(gaps.gaps()).as("stretches the live destination had no publisher").isEmpty();
            assertThat(gaps.inGap()).isFalse();
            pushes.stop();
            assertThat(pushes.seen()).as("the one process that pushed the live stream throughout").isEqualTo(before);
        } finally {
            pushes.stop();
            if (gaps != null) {
                gaps.stop();
            }
            encoder.stop();
            if (second != null) {
                second.stop();
            }
            if (!platform.kafkaRunning()) {
                platform.startKafka();
            }
            lifecycle.close();
            networks.stop();
        }
    }

    private static boolean started(TopicRecorder lifecycle, String streamId) {
        return lifecycle.withKey(streamId).stream()
                .anyMatch(r -> EventType.STREAM_STARTED.ceType().equals(r.header(CloudEvents.TYPE)));
    }

    private static long pendingInIngest() throws Exception {
        try (Connection c = platform.database(Service.INGEST).connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
