package io.fanout.publish;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.TopicRecorder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What publish-service's tests on the broker share: {@code push-status} recorded from the start,
 * stream events sent as ingest-service would send them, and reading a target's events back.
 */
abstract class PushEventsTestBase {

    /** Everything on {@code push-status} since the test class started. */
    static TopicRecorder pushStatus;
    /** Sends {@code stream-lifecycle} (and {@code stream-health}) events as ingest-service. */
    static EventPublisher ingest;

    @BeforeAll
    static void connectToBroker() {
        pushStatus = TopicRecorder.of(Topics.PUSH_STATUS);
        ingest = EventPublisher.as("/fanout/ingest-service");
    }

    @AfterAll
    static void disconnectFromBroker() {
        pushStatus.close();
        ingest.close();
    }

    /** The types ({@code ce_type}) of the target's push-status events, in order. */
    static List<String> types(String target) {
        return types(pushStatus.withKey(target));
    }

    static List<String> types(List<TopicRecorder.Recorded> records) {
        return records.stream().map(r -> r.header(CloudEvents.TYPE)).toList();
    }

    /** The target's push-status events of one type, read back as their records. */
    @SuppressWarnings("unchecked")
    static <T> List<T> events(String target, EventType type) {
        return pushStatus.withKey(target).stream().filter(r -> type.ceType().equals(r.header(CloudEvents.TYPE)))
                .map(r -> (T) read(r)).toList();
    }

    static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }
}
