package io.fanout.servicekit.messaging;

import io.fanout.servicekit.jdbc.Jdbc;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Trace context through events: a change's context is kept with its outbox row, relayed as the
 * CloudEvents distributed-tracing extension ({@code traceparent}, in binary mode the
 * {@code ce_traceparent} header), and continued by the consumer of the event. Every hop is a span
 * of one trace: the request or hook that made the change, the relay ({@link SpanKind#PRODUCER}),
 * the consumer ({@link SpanKind#CONSUMER}), and what the consumer does. Spans are always made; the
 * sampler decides which are recorded and exported (see each service's README).
 */
@ApplicationScoped
public class EventTracing {

    /** The CloudEvents extension attribute, as a Kafka header in binary mode. */
    public static final String HEADER = "ce_traceparent";

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span's context as a W3C {@code traceparent}, or null when there is none. */
    public static String currentTraceparent() {
        return traceparent(Span.current().getSpanContext());
    }

    /** The context as the W3C propagator writes it (null for an invalid one), the inverse of {@link #parent}. */
    static String traceparent(SpanContext context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The context a {@code traceparent} names (the root context for null or a malformed one). */
    static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }

    /**
     * Starts the span of relaying a stored event, a child of the change that wrote it; the caller
     * ends it once the broker acknowledged the event, and sends {@link #traceparent(Span)} with it.
     */
    public Span relaying(String storedTraceparent, String ceType, String topic) {
        return tracer.spanBuilder("relay " + ceType).setParent(parent(storedTraceparent)).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.destination.name", topic).setAttribute("cloudevents.event_type", ceType)
                .startSpan();
    }

    /** The span's context as a {@code traceparent}, for the event it sends. */
    public static String traceparent(Span span) {
        return traceparent(span.getSpanContext());
    }

    /**
     * Runs {@code work} in a consumer span of the record's event, a child of its
     * {@code ce_traceparent} (a new trace for a record without one); while the database cannot be
     * reached, it waits and tries the work again ({@link Jdbc#untilReachable}) rather than fail.
     */
    public void consume(ConsumerRecord<?, ?> record, String channel, Runnable work) {
        Header header = record.headers().lastHeader(HEADER);
        String traceparent = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        Span span = tracer.spanBuilder("consume " + channel).setParent(parent(traceparent))
                .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.message.offset", record.offset()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Jdbc.untilReachable(work);
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Runs {@code work} in a span of the current trace. */
    public <T> T inSpan(String name, Supplier<T> work) {
        return in(tracer.spanBuilder(name).startSpan(), work);
    }

    /**
     * Runs {@code work} in the first span of a new trace: for what starts a chain of events without
     * a trace of its own to continue (an edge hook, whose HTTP span is left unrecorded).
     */
    public <T> T newTrace(String name, Supplier<T> work) {
        return in(tracer.spanBuilder(name).setNoParent().startSpan(), work);
    }

    private static <T> T in(Span span, Supplier<T> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Runs {@code work} in a span of the current trace. */
    public void inSpan(String name, Runnable work) {
        inSpan(name, () -> {
            work.run();
            return null;
        });
    }
}
