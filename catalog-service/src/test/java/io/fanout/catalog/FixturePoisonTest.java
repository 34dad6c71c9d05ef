package io.fanout.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.KafkaTopics;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.Metrics;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poisoned records on {@code upstream-fixtures}, on a real broker: not JSON, wrong types, missing
 * fields, unknown sports and roles, bad ids and keys, an unauthorised provider, oversized values up
 * to 1 MiB, bad CloudEvents headers. Every one is parked on {@code upstream-fixtures.dlq} with a
 * reason, and a valid fixture sent after them all is applied.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
class FixturePoisonTest {

    /** The topics as deployed: room for a 1 MiB record, and for it on the dead-letter topic with its reason. */
    private static final Map<String, String> LARGE_RECORDS = Map.of("max.message.bytes", "3145728");
    private static final String CASE = "test-case";

    private record Poison(String name, String key, Map<String, String> headers, byte[] value, String reason) {
    }

    private static EventPublisher provider;
    private static TopicRecorder deadLetters;

    private final Catalog partner = new Catalog();
    private final List<Poison> poisons = new ArrayList<>();

    @BeforeAll
    static void connect() {
        KafkaTopics.configure(Topics.UPSTREAM_FIXTURES, LARGE_RECORDS);
        KafkaTopics.configure(Topics.deadLetter(Topics.UPSTREAM_FIXTURES), LARGE_RECORDS);
        provider = EventPublisher.as("/providers/atp", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * 1024 * 1024));
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.UPSTREAM_FIXTURES));
    }

    @AfterAll
    static void disconnect() {
        provider.close();
        deadLetters.close();
    }

    @Test
    void everyPoisonedRecordIsParkedWithItsReasonAndAValidFixtureAfterThemIsApplied() {
        partner.authorise("atp");
        notJson();
        wrongTypes();
        missingFields();
        badValues();
        badHeadersAndKeys();
        oversized();
        raw("unauthorised provider", "wta:x1", headers(), valid(f -> {
            f.put("provider", "wta");
            f.put("fixtureId", "x1");
        }), "not authorised");
        assertThat(poisons).hasSizeGreaterThanOrEqualTo(60);
        double parkedBefore = Metrics.value("fanout_catalog_fixtures_total{outcome=\"dead_lettered\"}");

        for (Poison poison : poisons) {
            Map<String, String> headers = new HashMap<>(poison.headers());
            headers.put(CASE, poison.name());
            provider.sendRaw(Topics.UPSTREAM_FIXTURES, poison.key(), headers, poison.value());
        }
        provider.send(Events.fixture("atp", "after-the-poison", partner.partner, 1));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(poisons.stream()
                .filter(poison -> !parked(poison)).map(Poison::name)).as("not parked").isEmpty());
        for (Poison poison : poisons) {
            TopicRecorder.Recorded parked = deadLetters.find(r -> poison.name().equals(r.header(CASE))).orElseThrow();
            assertThat(parked.header("dead-letter-reason")).as(poison.name()).containsIgnoringCase(poison.reason());
            assertThat(parked.header("dead-letter-topic")).isEqualTo(Topics.UPSTREAM_FIXTURES);
            assertThat(parked.value()).as(poison.name() + ": the value is kept").isEqualTo(poison.value());
        }
        await().atMost(Catalog.DEADLINE).until(() -> given().auth().oauth2(partner.token).queryParam("q", "alcaraz")
                .get("/v1/matches").then().extract().<List<?>>path("matches").size() == 1);
        await().atMost(Catalog.DEADLINE).until(() -> Metrics.value("fanout_catalog_fixtures_total{outcome=\"dead_lettered\"}")
                - parkedBefore >= poisons.size());
    }

    private boolean parked(Poison poison) {
        return deadLetters.find(r -> poison.name().equals(r.header(CASE))).isPresent();
    }

    private void notJson() {
        String[] values = {"", "{", "not json", "[]", "[{}]", "null", "\"fixture\"", "42", "true", "{\"provider\": }",
            "{'provider': 'atp'}", "<fixture/>"};
        for (int i = 0; i < values.length; i++) {
            raw("not json " + i, key(), headers(), values[i].getBytes(StandardCharsets.UTF_8), "");
        }
        raw("binary", key(), headers(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, "");
        String key = key();
        byte[] broken = valid(f -> f.put("title", "Final ##"));
        int at = new String(broken, StandardCharsets.US_ASCII).indexOf("##");
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        raw("invalid UTF-8", key, headers(), broken, "not a valid");
    }

    private void wrongTypes() {
        wrong("providerVersion as text", f -> f.put("providerVersion", "seven"), "providerVersion");
        wrong("providerVersion as object", f -> f.putObject("providerVersion"), "providerVersion");
        wrong("participants as text", f -> f.put("participants", "Alcaraz, Sinner"), "participants");
        wrong("participants as names", f -> f.putArray("participants").add("C. Alcaraz").add("J. Sinner"), "participants");
        wrong("participant as number", f -> f.putArray("participants").add(7), "participants");
        wrong("scheduledStart as words", f -> f.put("scheduledStart", "tomorrow afternoon"), "scheduledStart");
        wrong("scheduledStart as boolean", f -> f.put("scheduledStart", true), "scheduledStart");
        wrong("scheduledEnd as words", f -> f.put("scheduledEnd", "late"), "scheduledEnd");
        wrong("sport as number", f -> f.put("sport", 3), "sport");
        wrong("sport as array", f -> f.putArray("sport").add("tennis"), "sport");
        wrong("competition as object", f -> f.putObject("competition").put("name", "Open"), "competition");
        wrong("partnerId as number", f -> f.put("partnerId", 12345), "partnerId");
    }

    private void missingFields() {
        for (String field : List.of("provider", "fixtureId", "partnerId", "providerVersion", "sport", "competition",
                "scheduledStart")) {
            wrong("missing " + field, f -> f.remove(field), field);
        }
        wrong("no title and no participants", f -> {
            f.remove("title");
            f.putArray("participants");
        }, "title");
        wrong("empty object", f -> f.removeAll(), "");
    }

    private void badValues() {
        wrong("unknown sport", f -> f.put("sport", "curling"), "unknown sport");
        wrong("blank sport", f -> f.put("sport", " "), "unknown sport");
        wrong("sport with a NUL", f -> f.put("sport", "tennis\u0000"), "unknown sport");
        wrong("unknown role", f -> participant(f).put("role", "captain"), "unknown role");
        wrong("missing role", f -> participant(f).remove("role"), "role");
        wrong("blank participant name", f -> participant(f).put("name", "  "), "participants[0].name");
        wrong("null participant", f -> f.putArray("participants").addNull(), "participants[0]");
        wrong("too many participants", f -> {
            ArrayNode all = f.putArray("participants");
            for (int i = 0; i < 51; i++) {
                all.addObject().put("name", "P" + i).put("role", "player");
            }
        }, "participants");
        wrong("partnerId not a UUID", f -> f.put("partnerId", "partner-1"), "partnerId");
        String key = key();
        byte[] capitals = valid(f -> f.put("provider", "ATP"));
        String shouted = "ATP" + key.substring("atp".length());
        raw("provider in capitals", shouted, CloudEvents.headers(EventType.FIXTURE_UPSERTED.ceType(),
                UUID.randomUUID().toString(), "/providers/atp", shouted, Instant.now()), capitals, "provider");
        wrong("version zero", f -> f.put("providerVersion", 0), "providerVersion");
        wrong("negative version", f -> f.put("providerVersion", -5), "providerVersion");
        wrong("end before start", f -> f.put("scheduledEnd", "2027-06-14T12:00:00Z"), "scheduledEnd");
        wrong("start in year 10000", f -> f.put("scheduledStart", "+10000-01-01T00:00:00Z"), "scheduledStart");
        wrong("start in year 1066", f -> f.put("scheduledStart", "1066-10-14T09:00:00Z"), "scheduledStart");
        wrong("competition too long", f -> f.put("competition", "c".repeat(201)), "competition");
        wrong("title too long", f -> f.put("title", "t".repeat(301)), "title");
        wrong("title with a NUL", f -> f.put("title", "Final\u0000\u202e"), "title");
        wrong("venue with a newline", f -> f.put("venue", "Court\n1"), "venue");
        wrong("stage too long", f -> f.put("stage", "s".repeat(101)), "stage");
        wrong("reason is fine but fixtureId blank", f -> f.put("fixtureId", " "), "");
    }

    private void badHeadersAndKeys() {
        byte[] value = valid(f -> { });
        String untypedKey = key();
        Map<String, String> untyped = new HashMap<>(headers());
        untyped.remove(CloudEvents.TYPE);
        raw("no ce_type", untypedKey, untyped, value, "ce_type");
        raw("unknown ce_type", key(), headers("fanout.fixture.exploded.v1"), value, "unknown event type");
        raw("ce_type of a later version", key(), headers("fanout.fixture.upserted.v2"), value, "unknown event type");
        raw("empty ce_type", key(), headers(""), value, "ce_type");
        raw("ce_type of another topic", key(), headers(EventType.STREAM_STARTED.ceType()), value,
                "fanout.stream.started.v1");
        raw("cancellation without fixtureId", key(), headers(EventType.FIXTURE_CANCELLED.ceType()),
                "{\"provider\":\"atp\",\"partnerId\":\"%s\",\"providerVersion\":2,\"occurredAt\":\"2026-12-01T00:00:00Z\"}"
                        .formatted(partner.partner).getBytes(StandardCharsets.UTF_8), "fixtureId");
        raw("null key", null, headers(), value, "record key");
        raw("key of another fixture", "atp:someone-else", headers(), value, "record key");
        raw("key without provider", "only-the-fixture-id", headers(), value, "record key");
    }

    private void oversized() {
        raw("1 MiB value", key(), headers(), padded(1024 * 1024), "oversized");
        raw("just over 64 KiB", key(), headers(), padded(64 * 1024 + 1), "oversized");
        raw("200 KiB of participants", key(), headers(), valid(f -> {
            ArrayNode all = f.putArray("participants");
            for (int i = 0; i < 2000; i++) {
                all.addObject().put("name", "Participant with a long name number " + i).put("role", "player");
            }
        }), "oversized");
    }

    /** A valid fixture's JSON padded with spaces to exactly {@code size} bytes. */
    private byte[] padded(int size) {
        byte[] json = valid(f -> { });
        byte[] value = new byte[size];
        java.util.Arrays.fill(value, (byte) ' ');
        System.arraycopy(json, 0, value, 0, json.length);
        return value;
    }

    private ObjectNode participant(ObjectNode fixture) {
        return (ObjectNode) fixture.withArray("participants").get(0);
    }

    private int fixtures;

    private String nextFixtureId() {
        return "poison-" + (++fixtures) + "-" + partner.partner;
    }

    private String lastKey;

    private String key() {
        lastKey = "atp:" + nextFixtureId();
        return lastKey;
    }

    /** A valid fixture's JSON after {@code change}, keyed as itself. */
    private byte[] valid(Consumer<ObjectNode> change) {
        String fixtureId = lastKey == null ? nextFixtureId() : lastKey.substring("atp:".length());
        ObjectNode fixture = Json.mapper().valueToTree(Events.fixture("atp", fixtureId, partner.partner, 1));
        change.accept(fixture);
        return fixture.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void wrong(String name, Consumer<ObjectNode> change, String reason) {
        String key = key();
        raw(name, key, headers(), valid(change), reason);
    }

    private Map<String, String> headers() {
        return headers(EventType.FIXTURE_UPSERTED.ceType());
    }

    /** Every CloudEvents header a provider sends, with {@code type}, about the record {@link #key()} last made. */
    private Map<String, String> headers(String type) {
        return CloudEvents.headers(type, UUID.randomUUID().toString(), "/providers/atp",
                lastKey == null ? "none" : lastKey, Instant.now());
    }

    /** A poison as sent: its CloudEvents subject is its key (where it has both), as a provider sends it. */
    private void raw(String name, String key, Map<String, String> headers, byte[] value, String reason) {
        Map<String, String> sent = new HashMap<>(headers);
        if (key != null && sent.containsKey(CloudEvents.SUBJECT)) {
            sent.put(CloudEvents.SUBJECT, key);
        }
        poisons.add(new Poison(name, key, sent, value, reason));
        lastKey = null;
    }
}
