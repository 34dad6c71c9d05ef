package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, on the built services running as separate processes: a partner
 * creates a stream and two destinations (two applications of a second nginx-rtmp standing in for two
 * networks), an ffmpeg encoder goes live once, and both destinations receive H.264 + AAC; when the
 * encoder stops the pushes stop, and the events arrive in order. The same over RTMPS (TLS ended by
 * the edge's stream module). A wrong key is refused silently.
 */
class SimulcastIT {

    private static final Duration MEDIA = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static Edge networks;
    private static TopicRecorder lifecycle;
    private static TopicRecorder pushStatus;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        networks = Edge.builder().application("youtube").application("twitch").start();
        lifecycle = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.STREAM_LIFECYCLE));
        pushStatus = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.PUSH_STATUS));
    }

    @AfterAll
    static void stopPlatform() {
        lifecycle.close();
        pushStatus.close();
        networks.stop();
    }

    @Test
    void oneEncoderGoesLiveOnceAndAppearsOnBothDestinations() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Rugby League"));
        Map<String, Object> stream = partner.createStream("Final", 0);
        String streamId = (String) stream.get("id");
        String youtube = partner.createDestination("YouTube", "rtmp", networks.rtmpUrl("youtube"), "yt-key-1");
        String twitch = partner.createDestination("Twitch", "twitch", networks.rtmpUrl("twitch"), "tw-key-1");
        List<String> targets = List.of(partner.addTarget(streamId, youtube, MEDIA), partner.addTarget(streamId, twitch, MEDIA));

        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(640, 360).start();
        try {
            Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-key-1"), MEDIA, media -> media.isH264Aac(640, 360));
            Probe.awaitMedia(networks.rtmpUrl("twitch", "tw-key-1"), MEDIA, media -> media.isH264Aac(640, 360));
            assertThat(partner.stream(streamId)).containsEntry("state", "LIVE");
        } finally {
            encoder.stop();
        }

        await().atMost(MEDIA).until(() -> "ENDED".equals(partner.stream(streamId).get("state")));
        assertThat(types(lifecycle.awaitRecords(streamId, 3, MEDIA))).containsExactly(
                EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType(), EventType.STREAM_ENDED.ceType());
        for (String target : targets) {
            await().atMost(MEDIA).until(() -> types(pushStatus.withKey(target)).contains(EventType.PUSH_STOPPED.ceType()));
            List<String> order = types(pushStatus.withKey(target)).stream()
                    .filter(t -> !t.equals(EventType.PUSH_RETRYING.ceType())).toList();
            assertThat(order).containsExactly(EventType.PUSH_STARTING.ceType(), EventType.PUSH_BROADCASTING.ceType(),
                    EventType.PUSH_STOPPED.ceType());
        }
        Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-key-1"), MEDIA, media -> media.tracks().isEmpty());
    }

    @Test
    void anEncoderOverRtmpsGoesLiveAndSimulcasts() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Tennis Tour"));
        Map<String, Object> stream = partner.createStream("Centre Court", 0);
        String streamId = (String) stream.get("id");
        assertThat((String) stream.get("secureIngestUrl")).isEqualTo(platform.edge().secureIngestUrl()).startsWith("rtmps://");
        String secure = (String) stream.get("securePublishUrl");
        assertThat(secure).isEqualTo(stream.get("secureIngestUrl") + "/" + stream.get("streamKey"));
        String youtube = partner.createDestination("YouTube", "rtmp", networks.rtmpUrl("youtube"), "yt-key-tls");
        partner.addTarget(streamId, youtube, MEDIA);

        Encoder encoder = Encoder.to(secure).size(640, 360).start();
        try {
            Probe.awaitMedia(networks.rtmpUrl("youtube", "yt-key-tls"), MEDIA, media -> media.isH264Aac(640, 360));
            assertThat(partner.stream(streamId)).containsEntry("state", "LIVE");
        } finally {
            encoder.stop();
        }
        await().atMost(MEDIA).until(() -> "ENDED".equals(partner.stream(streamId).get("state")));
    }

    @Test
    void aPublishWithAWrongKeyIsRefusedAndProducesNoEvent() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Esports"));
        Map<String, Object> stream = partner.createStream("Arena");
        String streamId = (String) stream.get("id");
        lifecycle.awaitRecords(streamId, 1, MEDIA);

        Encoder intruder = Encoder.to(platform.edge().ingestUrl() + "/" + stream.get("streamKey") + "-guess").size(320, 240)
                .start();
        intruder.awaitExit(MEDIA);

        // A later event of the same stream proves the topic has caught up past the refused publish.
        Encoder owner = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        try {
            List<String> types = types(lifecycle.awaitRecords(streamId, 2, MEDIA));
            assertThat(types).containsExactly(EventType.STREAM_CREATED.ceType(), EventType.STREAM_STARTED.ceType());
        } finally {
            owner.stop();
        }
    }

    private static List<String> types(List<TopicRecorder.Recorded> records) {
        return records.stream().map(r -> r.header(CloudEvents.TYPE)).toList();
    }
}
