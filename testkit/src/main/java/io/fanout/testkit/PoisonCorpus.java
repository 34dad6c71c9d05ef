package io.fanout.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Json;
import io.fanout.contracts.MayBeNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records no consumer may apply, for one topic, built from a valid event of a type that travels on
 * it: payloads that are not an event (not JSON, binary, invalid UTF-8, nested past any limit, an
 * empty object, 1000 KiB), every required field of the event missing or null, every field of the
 * wrong JSON type, CloudEvents headers missing or
 * wrong (type unknown, of a later version or of another topic; no id, source, subject or time),
 * a null key and a key that is not the event's id. Each has its own key where it has one (a fresh
 * event per record), so a test finds each on the dead-letter topic, and the words its reason must
 * contain. An unknown extra field is not among them: the wire format reads past it on purpose (a
 * producer may add optional fields within a version), so a valid event with one must be applied.
 */
public final class PoisonCorpus {

    /** One record to send and what its dead-letter reason must say (a case-insensitive pattern: words or alternatives). */
    public record Poison(String name, String key, Map<String, String> headers, byte[] value, String reason) {
    }

    /** The largest value the topics take with room for the reason headers on the dead-letter copy. */
    static final int LARGE_VALUE_BYTES = 1000 * 1024;

    private final EventType type;
    private final Supplier<? extends FanoutEvent> fresh;
    private final String source;
    private final List<Poison> poisons = new ArrayList<>();

    private PoisonCorpus(EventType type, Supplier<? extends FanoutEvent> fresh, String source) {
        this.type = type;
        this.fresh = fresh;
        this.source = source;
    }

    /**
     * The corpus for {@code type}'s topic; {@code fresh} makes a valid event of that type with a new
     * aggregate id at each call, {@code source} is the producer the headers name.
     */
    public static List<Poison> of(EventType type, Supplier<? extends FanoutEvent> fresh, String source) {
        PoisonCorpus corpus = new PoisonCorpus(type, fresh, source);
        corpus.notJson();
        corpus.fields();
        corpus.headers();
        corpus.keys();
        return List.copyOf(corpus.poisons);
    }

    /** A valid event's record as a producer following the contract sends it, with one extra field a newer producer might add. */
    public static Poison validWithExtraField(FanoutEvent event, String source) {
        ObjectNode payload = payload(event);
        payload.put("addedInALaterRelease", "read past");
        return new Poison("valid, with an extra field", event.aggregateId(), CloudEvents.headers(event, source),
                bytes(payload), "");
    }

    private void notJson() {
        String[] texts = {"", "{", "not json", "[]", "[{}]", "null", "\"event\"", "42", "true", "{\"streamId\": }",
            "{'streamId': 'x'}", "<event/>", "{}"};
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            raw("not an event: " + (text.isEmpty() ? "empty" : text), text.getBytes(StandardCharsets.UTF_8), "not a valid");
        }
        raw("whitespace only", "  \n\t ".getBytes(StandardCharsets.US_ASCII), "not a valid");
        FanoutEvent wrapped = fresh.get();
        poisons.add(new Poison("the event inside an array", wrapped.aggregateId(), CloudEvents.headers(wrapped, source),
                ("[" + new String(bytes(payload(wrapped)), StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8),
                "not a valid"));
        FanoutEvent structured = fresh.get();
        poisons.add(new Poison("a structured-mode CloudEvent (the event under data)", structured.aggregateId(),
                CloudEvents.headers(structured, source), ("{\"specversion\":\"1.0\",\"data\":"
                        + new String(bytes(payload(structured)), StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8),
                "not a valid"));
        raw("binary", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80}, "not a valid");
        byte[] broken = bytes(payload(fresh.get())).clone();
        broken[1] = (byte) 0xC3;
        broken[2] = (byte) 0x28;
        raw("invalid UTF-8", broken, "not a valid");
        raw("nested 5000 deep", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII), "not a valid");
        byte[] large = new byte[LARGE_VALUE_BYTES];
        Arrays.fill(large, (byte) 'x');
        byte[] prefix = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, large, 0, prefix.length);
        large[large.length - 2] = '"';
        large[large.length - 1] = '}';
        raw("1000 KiB of padding", large, "not a valid|oversized");
    }

    private void fields() {
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            String field = component.getName();
            if (!component.isAnnotationPresent(MayBeNull.class)) {
                edited("missing " + field, p -> p.remove(field), field);
                edited(field + " null", p -> p.putNull(field), field);
            }
            Class<?> java = component.getType();
            if (java == String.class || java.isEnum()) {
                edited(field + " as an object", p -> p.putObject(field).put("value", 1), field);
                edited(field + " as an array", p -> p.putArray(field).add(1), field);
            } else if (java == Instant.class) {
                edited(field + " as words", p -> p.put(field, "tomorrow afternoon"), field);
                edited(field + " as an object", p -> p.putObject(field), field);
            } else if (java == long.class || java == int.class || java == double.class) {
                edited(field + " as words", p -> p.put(field, "seven"), field);
                edited(field + " as an object", p -> p.putObject(field), field);
            } else if (java == boolean.class) {
                edited(field + " as words", p -> p.put(field, "perhaps"), field);
                edited(field + " as an array", p -> p.putArray(field).add(true), field);
            } else if (java == List.class) {
                edited(field + " as words", p -> p.put(field, "several"), field);
                edited(field + " as an object", p -> p.putObject(field).put("first", 1), field);
            } else {
                edited(field + " as a number", p -> p.put(field, 7), field);
                edited(field + " as an array", p -> p.putArray(field).add("x"), field);
            }
        }
    }

    private void headers() {
        headed("no ce_type", h -> h.remove(CloudEvents.TYPE), "ce_type");
        headed("empty ce_type", h -> h.put(CloudEvents.TYPE, ""), "ce_type");
        headed("unknown ce_type", h -> h.put(CloudEvents.TYPE, "fanout.something.exploded.v1"), "unknown event type");
        headed("ce_type of a later version", h -> h.put(CloudEvents.TYPE, type.ceType().replace(".v1", ".v2")),
                "unknown event type");
        EventType elsewhere = type.topic().equals(EventType.STREAM_STARTED.topic()) ? EventType.PUSH_STOPPED
                : EventType.STREAM_STARTED;
        headed("ce_type of another topic", h -> h.put(CloudEvents.TYPE, elsewhere.ceType()), "travels on");
        headed("no ce_specversion", h -> h.remove(CloudEvents.SPEC_VERSION), "ce_specversion");
        headed("ce_specversion 0.3", h -> h.put(CloudEvents.SPEC_VERSION, "0.3"), "ce_specversion");
        headed("empty ce_specversion", h -> h.put(CloudEvents.SPEC_VERSION, ""), "ce_specversion");
        headed("no ce_id", h -> h.remove(CloudEvents.ID), "ce_id");
        headed("empty ce_id", h -> h.put(CloudEvents.ID, " "), "ce_id");
        headed("no ce_source", h -> h.remove(CloudEvents.SOURCE), "ce_source");
        headed("empty ce_source", h -> h.put(CloudEvents.SOURCE, ""), "ce_source");
        headed("no ce_subject", h -> h.remove(CloudEvents.SUBJECT), "ce_subject");
        headed("empty ce_subject", h -> h.put(CloudEvents.SUBJECT, ""), "ce_subject");
        headed("ce_subject of another aggregate", h -> h.put(CloudEvents.SUBJECT, UUID.randomUUID().toString()),
                "ce_subject");
        headed("no ce_time", h -> h.remove(CloudEvents.TIME), "ce_time");
        headed("ce_time not a time", h -> h.put(CloudEvents.TIME, "yesterday"), "ce_time");
        headed("no headers at all", Map::clear, "ce_specversion");
    }

    private void keys() {
        FanoutEvent event = fresh.get();
        poisons.add(new Poison("null key", null, CloudEvents.headers(event, source), bytes(payload(event)), "record key"));
        FanoutEvent other = fresh.get();
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(CloudEvents.headers(other, source));
        headers.put(CloudEvents.SUBJECT, key);
        poisons.add(new Poison("key of another aggregate", key, headers, bytes(payload(other)), "record key"));
    }

    private void raw(String name, byte[] value, String reason) {
        FanoutEvent event = fresh.get();
        poisons.add(new Poison(name, event.aggregateId(), CloudEvents.headers(event, source), value, reason));
    }

    private void edited(String name, Consumer<ObjectNode> edit, String reason) {
        FanoutEvent event = fresh.get();
        ObjectNode payload = payload(event);
        edit.accept(payload);
        poisons.add(new Poison(name, event.aggregateId(), CloudEvents.headers(event, source), bytes(payload), reason));
    }

    private void headed(String name, Consumer<Map<String, String>> edit, String reason) {
        FanoutEvent event = fresh.get();
        Map<String, String> headers = new LinkedHashMap<>(CloudEvents.headers(event, source));
        edit.accept(headers);
        poisons.add(new Poison(name, event.aggregateId(), headers, bytes(payload(event)), reason));
    }

    private static ObjectNode payload(FanoutEvent event) {
        try {
            JsonNode tree = Json.mapper().readTree(Json.write(event));
            return (ObjectNode) tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode payload) {
        try {
            return Json.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
