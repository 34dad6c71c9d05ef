package io.fanout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.ingest.Partners.TestStream;
import io.fanout.servicekit.messaging.EventTracing;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.Traces;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first hops of go-live's trace on a real broker: the edge's on_publish hook starts the trace,
 * the outbox relay continues it, and {@code stream.started} carries it as {@code ce_traceparent}
 * (publish-service's PushTest follows it on to the push start). No span holds the key or the secret.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class HookTracingTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static TopicRecorder lifecycle;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void record() {
        lifecycle = TopicRecorder.of(Topics.STREAM_LIFECYCLE);
    }

    @AfterAll
    static void stopRecording() {
        lifecycle.close();
    }

    @Test
    void aPublishCarriesTheHooksTraceThroughTheRelayIntoItsEvent() {
        TestStream stream = Partners.newPartnerStream("League", "Traced final", 0);

        assertThat(Hooks.call("on_publish", stream.key(), "4711").statusCode()).isEqualTo(302);

        TopicRecorder.Recorded started = lifecycle.awaitRecords(stream.id(), 2, EVENTS).get(1);
        assertThat(started.header("ce_type")).isEqualTo(EventType.STREAM_STARTED.ceType());
        String traceparent = started.header(EventTracing.HEADER);
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.substring(3, 35);
        String relaySpanId = traceparent.substring(36, 52);

        await().atMost(EVENTS).until(() -> Traces.of(spans, traceId).stream()
                .anyMatch(s -> s.getSpanId().equals(relaySpanId)));
        List<SpanData> trace = Traces.of(spans, traceId);
        SpanData hook = trace.stream().filter(s -> s.getName().equals("edge hook on_publish")).findFirst().orElseThrow();
        SpanData relay = trace.stream().filter(s -> s.getSpanId().equals(relaySpanId)).findFirst().orElseThrow();
        assertThat(hook.getParentSpanContext().isValid()).as("the hook starts the trace").isFalse();
        assertThat(relay.getName()).isEqualTo("relay " + EventType.STREAM_STARTED.ceType());
        assertThat(relay.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(relay.getParentSpanId()).as("the relay continues the hook's change").isEqualTo(hook.getSpanId());
        assertThat(relay.getStartEpochNanos()).isGreaterThanOrEqualTo(hook.getStartEpochNanos());
        for (SpanData span : spans.getFinishedSpanItems()) {
            assertThat(span.toString()).as("a span").doesNotContain(stream.key()).doesNotContain(Hooks.SECRET);
        }
    }
}
