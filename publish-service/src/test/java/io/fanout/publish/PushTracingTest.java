package io.fanout.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.TokenKeys;
import io.fanout.servicekit.messaging.EventTracing;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The last hops of go-live's trace on a real broker: a {@code stream.started} carrying
 * {@code ce_traceparent} as ingest-service's relay sends it (ingest's HookTracingTest proves the
 * hook → relay → header part) is consumed in a span of that trace, and the push starts in a span
 * under it, so one trace runs from the edge's hook to the push start.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class PushTracingTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aPushStartsInTheTraceOfTheEventThatStartedIt() {
        UUID partner = UUID.randomUUID();
        String token = TokenKeys.shared().partnerToken(partner);
        UUID stream = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String destination = PublishTestSupport.createDestination(token, "rtmp",
                EdgesResource.networks().rtmpUrl("youtube"), "yt-secret-traced");
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Traced", 60, false));
        await().atMost(DEADLINE).until(() -> PublishTestSupport.tryCreateTarget(token, stream, destination) == 201);
        String traceId = randomHex(16);
        String relaySpanId = randomHex(8);

        StreamStarted started = new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session.toString());
        Map<String, String> headers = new HashMap<>(CloudEvents.headers(started, "/fanout/ingest-service"));
        headers.put(EventTracing.HEADER, "00-" + traceId + "-" + relaySpanId + "-01");
        ingest.sendRaw(EventType.STREAM_STARTED.topic(), started.aggregateId(), headers, Json.write(started));

        await().atMost(DEADLINE).until(() -> Traces.of(spans, traceId).stream()
                .anyMatch(s -> s.getName().equals("start push")));
        List<SpanData> trace = Traces.of(spans, traceId);
        SpanData consumed = trace.stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
        SpanData push = trace.stream().filter(s -> s.getName().equals("start push")).findFirst().orElseThrow();
        assertThat(consumed.getName()).isEqualTo("consume stream-lifecycle");
        assertThat(consumed.getParentSpanId()).as("the consumer continues the relay's span").isEqualTo(relaySpanId);
        assertThat(push.getParentSpanId()).as("the push starts inside the consumer's span").isEqualTo(consumed.getSpanId());
        assertThat(push.getAttributes().asMap().toString()).contains("RTMP").doesNotContain("yt-secret-traced");

        ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session.toString(),
                EndReason.COMPLETED));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
