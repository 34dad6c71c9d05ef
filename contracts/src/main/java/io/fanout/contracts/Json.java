package io.fanout.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of Fanout's wire format. Times are ISO-8601 strings, unknown fields
 * are ignored (a newer producer may add optional fields), unknown enum values read as the enum's
 * {@code UNKNOWN} constant, and a missing primitive is an error rather than a silent zero. A read
 * event has every field the contract requires: one missing or null that is not {@link MayBeNull}
 * (in the event or any record inside it, list elements included) makes the payload invalid.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    /** Applies the wire format to an existing mapper (for example the one Quarkus manages). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(times())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Times read and written as {@link IsoInstants} does (for a mapper that keeps its other settings). */
    public static SimpleModule times() {
        return new SimpleModule("fanout-instants").addDeserializer(Instant.class, new IsoInstants.Deserializer())
                .addSerializer(Instant.class, new IsoInstants.Serializer());
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The payload a service emits: like {@link #write} but refusing an event its own consumers would
     * refuse, so a producer's mistake fails where it is made instead of landing on a dead-letter topic.
     *
     * @throws IllegalArgumentException naming the first required field that is null
     */
    public static byte[] writeValid(FanoutEvent event) {
        String missing = firstMissingIn(event);
        if (missing != null) {
            throw new IllegalArgumentException("cannot emit " + EventType.of(event).ceType() + " (at " + missing
                    + "): a required field is missing or null");
        }
        return write(event);
    }

    public static byte[] write(FanoutEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a payload as the record of the given CloudEvents type.
     *
     * @throws IllegalArgumentException if the type is unknown or the payload does not match it (naming
     *     the field where it does not, as {@code participants[0].role})
     */
    public static FanoutEvent read(String ceType, byte[] payload) {
        EventType type = EventType.ofCeType(ceType);
        try {
            FanoutEvent event = MAPPER.readValue(payload, type.recordType());
            if (event == null) {
                throw new IllegalArgumentException("payload is not a valid " + ceType + ": it is null");
            }
            String missing = firstMissingIn(event);
            if (missing != null) {
                throw new IllegalArgumentException("payload is not a valid " + ceType + " (at " + missing
                        + "): a required field is missing or null");
            }
            return event;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
            throw new IllegalArgumentException("payload is not a valid " + ceType + (field.isEmpty() ? "" : " (at " + field
                    + ")") + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not a valid " + ceType + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record's component as the check reads it, found once per record type. */
    private record Component(String name, Method accessor, boolean mayBeNull) {

        Object value(Record record) {
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(c -> {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true); // public, but checked on every call otherwise (2 % of a feed's CPU)
                return new Component(c.getName(), accessor, c.isAnnotationPresent(MayBeNull.class));
            }).toList();
        }
    };

    /**
     * The path of the first required field that is null in {@code value} (a record, or a list of
     * them), relative to it ({@code participants[0].role}, {@code [2]}), or null when there is none.
     * Paths are made only for what is missing: a valid event costs no text.
     */
    private static String firstMissingIn(Object value) {
        if (value instanceof Record record) {
            for (Component component : COMPONENTS.get(record.getClass())) {
                Object field = component.value(record);
                String missing = field == null ? (component.mayBeNull() ? null : "") : firstMissingIn(field);
                if (missing != null) {
                    return joined(component.name(), missing);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String missing = list.get(i) == null ? "" : firstMissingIn(list.get(i));
                if (missing != null) {
                    return joined("[" + i + "]", missing);
                }
            }
        }
        return null;
    }

    /** A path and what follows it inside: {@code participants} and {@code [0].role}, {@code [0]} and {@code role}. */
    private static String joined(String head, String rest) {
        return head + (rest.isEmpty() || rest.startsWith("[") ? "" : ".") + rest;
    }
}
