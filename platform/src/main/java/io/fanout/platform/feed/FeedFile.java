package io.fanout.platform.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of fixtures as an upstream system holds them: either {@code fixture.upserted} payloads (an
 * object or an array; {@code provider}, {@code partnerId}, {@code providerVersion} and
 * {@code occurredAt} may be left out and are filled in; {@code "cancelled": true} with a
 * {@code reason} makes a {@code fixture.cancelled}), or schema.org {@code SportsEvent} JSON-LD as a
 * league's web page carries it ({@link SportsEventFixtures}).
 */
public final class FeedFile {

    private FeedFile() {
    }

    /** The fixture events of the file, for {@code partnerId}, from {@code provider}. */
    public static List<FanoutEvent> read(Path file, String provider, String partnerId) {
        try {
            return read(Json.mapper().readTree(Files.readAllBytes(file)), provider, partnerId, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<FanoutEvent> read(JsonNode document, String provider, String partnerId, Instant now) {
        if (SportsEventFixtures.isJsonLd(document)) {
            return SportsEventFixtures.fixtures(document, provider, partnerId, now);
        }
        List<FanoutEvent> fixtures = new ArrayList<>();
        for (JsonNode item : document.isArray() ? document : List.of(document)) {
            ObjectNode fixture = ((ObjectNode) item).deepCopy();
            fixture.put("provider", fixture.path("provider").asText(provider));
            fixture.put("partnerId", fixture.path("partnerId").asText(partnerId));
            if (!fixture.has("providerVersion")) {
                fixture.put("providerVersion", now.toEpochMilli());
            }
            if (!fixture.has("occurredAt")) {
                fixture.put("occurredAt", now.toString());
            }
            EventType type = fixture.path("cancelled").asBoolean(false) ? EventType.FIXTURE_CANCELLED
                    : EventType.FIXTURE_UPSERTED;
            fixture.remove("cancelled");
            fixtures.add(Json.read(type.ceType(), fixture.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return fixtures;
    }
}
