package io.fanout.testkit;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every span a service under test records, kept in memory: Quarkus exports spans to every
 * {@code SpanExporter} bean, and tests record all traces and export nothing else (service-kit's
 * test settings). Tests inject the {@link InMemorySpanExporter} and read what it holds.
 */
@ApplicationScoped
public class Traces {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** The finished spans of one trace. */
    public static List<SpanData> of(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
