package io.fanout.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code contracts/asyncapi.yaml} is written by hand for people and tools; this test holds it to
 * the records: every event type has a message on the right channel whose payload schema has the
 * record's fields with matching JSON types, and the document describes nothing the code lacks.
 */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void readDocument() throws Exception {
        doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("asyncapi.yaml").toFile());
    }

    @Test
    void isAnAsyncApi3DocumentWithOneChannelPerTopic() {
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyMessageInTheDocumentIsAnEventTypeOfTheCode() {
        Set<String> documented = new HashSet<>();
        doc.path("components").path("messages").forEach(message -> documented.add(message.path("name").asText()));
        Set<String> coded = Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.toSet());
        assertThat(documented).isEqualTo(coded);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventTypeIsDocumentedOnItsTopicWithItsFields(EventType type) {
        String messageId = messageIdOf(type);
        JsonNode message = doc.path("components").path("messages").path(messageId);

        assertThat(channelOf(messageId).path("address").asText()).as("topic of " + type).isEqualTo(type.topic());
        assertThat(message.path("title").asText()).isEqualTo(type.recordType().getSimpleName());
        assertSchemaMatchesRecord(message.path("payload"), type.recordType(), type.ceType());
    }

    private static void assertSchemaMatchesRecord(JsonNode schema, Class<?> record, String where) {
        JsonNode properties = schema.path("properties");
        List<String> documented = new ArrayList<>();
        properties.fieldNames().forEachRemaining(documented::add);
        List<String> fields = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(documented).as("fields of " + where).containsExactlyElementsOf(fields);
        for (RecordComponent component : record.getRecordComponents()) {
            assertTypeMatches(properties.path(component.getName()), component.getGenericType(),
                    where + "." + component.getName());
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        assertThat(fields).as("required fields of " + where).containsAll(required);
        for (RecordComponent component : record.getRecordComponents()) {
            boolean nullable = !required.contains(component.getName())
                    || jsonTypes(properties.path(component.getName())).contains("null");
            assertThat(component.isAnnotationPresent(MayBeNull.class) || component.getType().isPrimitive())
                    .as(where + "." + component.getName() + " is @MayBeNull exactly when the document lets it be null")
                    .isEqualTo(nullable || component.getType().isPrimitive());
        }
    }

    private static void assertTypeMatches(JsonNode property, Type javaType, String where) {
        if (javaType instanceof ParameterizedType list) {
            assertThat(property.path("type").asText()).as(where).isEqualTo("array");
            assertTypeMatches(property.path("items"), list.getActualTypeArguments()[0], where + "[]");
            return;
        }
        Class<?> type = (Class<?>) javaType;
        if (type.isRecord()) {
            String ref = property.path("$ref").asText();
            assertThat(ref).as(where).isEqualTo("#/components/schemas/" + type.getSimpleName());
            assertSchemaMatchesRecord(doc.path("components").path("schemas").path(type.getSimpleName()), type, where);
            return;
        }
        assertThat(jsonTypes(property)).as(where).contains(jsonType(type));
        if (type == Instant.class) {
            assertThat(property.path("format").asText()).as(where).isEqualTo("date-time");
        }
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            property.path("enum").forEach(value -> values.add(value.asText()));
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
            assertThat(values).as(where).containsExactlyElementsOf(constants);
        }
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Instant.class || type.isEnum()) {
            return "string";
        }
        if (type == int.class || type == long.class) {
            return "integer";
        }
        if (type == double.class) {
            return "number";
        }
        if (type == boolean.class) {
            return "boolean";
        }
        throw new AssertionError("no JSON type for " + type);
    }

    private static List<String> jsonTypes(JsonNode property) {
        JsonNode type = property.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static String messageIdOf(EventType type) {
        var ids = doc.path("components").path("messages").fields();
        while (ids.hasNext()) {
            var entry = ids.next();
            if (entry.getValue().path("name").asText().equals(type.ceType())) {
                return entry.getKey();
            }
        }
        throw new AssertionError("no message named " + type.ceType() + " in asyncapi.yaml");
    }

    private static JsonNode channelOf(String messageId) {
        String ref = "#/components/messages/" + messageId;
        for (JsonNode channel : doc.path("channels")) {
            for (JsonNode message : channel.path("messages")) {
                if (message.path("$ref").asText().equals(ref)) {
                    return channel;
                }
            }
        }
        throw new AssertionError("message " + messageId + " is on no channel");
    }
}
