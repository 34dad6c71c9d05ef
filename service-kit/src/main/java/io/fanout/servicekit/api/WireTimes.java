package io.fanout.servicekit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.contracts.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every API reads and writes times as the events do ({@link Json#times}): the same text as Jackson's
 * own, without its formatter's cost, which was the largest part of writing a page of matches.
 * Applied after every other customizer, Quarkus' registration of Jackson's time module among them,
 * since the module registered last decides.
 */
@Singleton
public class WireTimes implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(Json.times());
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
