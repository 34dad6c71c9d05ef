package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.local.Encoder;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconnect window is durable: ingest-service killed with SIGKILL while a stream's window is
 * open, and started again, still ends the stream when the window closes.
 */
class ReconnectWindowIT {

    private static final int WINDOW_SECONDS = 20;
    private static LocalPlatform platform;
    private static TopicRecorder lifecycle;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        lifecycle = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.STREAM_LIFECYCLE));
    }

    @AfterAll
    static void stopPlatform() {
        lifecycle.close();
    }

    @Test
    void aWindowOpenWhenIngestIsKilledStillClosesOnTime() {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Tennis Tour"));
        Map<String, Object> stream = partner.createStream("Court 1", WINDOW_SECONDS);
        String streamId = (String) stream.get("id");
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(320, 240).start();
        lifecycle.awaitRecords(streamId, 2, Duration.ofSeconds(60));

        encoder.stop();
        StreamInterrupted interrupted = (StreamInterrupted) read(lifecycle.awaitRecords(streamId, 3, Duration.ofSeconds(30))
                .get(2));
        platform.kill(Service.INGEST);
        platform.restart(Service.INGEST);

        List<TopicRecorder.Recorded> events = lifecycle.awaitRecords(streamId, 4, Duration.ofSeconds(WINDOW_SECONDS + 60));
        assertThat(events.get(3).header(CloudEvents.TYPE)).isEqualTo(EventType.STREAM_ENDED.ceType());
        StreamEnded ended = (StreamEnded) read(events.get(3));
        assertThat(ended.reason()).isEqualTo(EndReason.RECONNECT_WINDOW_EXPIRED);
        assertThat(ended.sessionId()).isEqualTo(interrupted.sessionId());
        assertThat(ended.occurredAt()).as("ended on time: not before the deadline, within the sweep's period after it")
                .isBetween(interrupted.reconnectDeadline(), interrupted.reconnectDeadline().plusSeconds(3));
        assertThat(partner.stream(streamId)).containsEntry("state", "ENDED");
    }

    private static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
