package io.fanout.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each record serialises to exactly its golden JSON and reads back equal. Run with
 * {@code -Dgolden.write=true} once to write a new type's sample, then review and commit the file.
 */
class GoldenFilesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordMatchesItsGoldenFile(EventType type) throws Exception {
        FanoutEvent sample = Samples.of(type);
        String goldenText;
        if (Boolean.getBoolean("golden.write")) {
            // Writing mode reads back the file it wrote: the classpath copy is from before this run.
            Path file = Path.of("src/main/resources", Golden.resource(type));
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n");
            goldenText = Files.readString(file);
        } else {
            goldenText = Golden.json(type);
        }
        JsonNode golden = Json.mapper().readTree(goldenText);
        JsonNode written = Json.mapper().readTree(Json.write(sample));

        assertThat(written).isEqualTo(golden);
        assertThat(Json.read(type.ceType(), goldenText.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample);
        assertThat(sample.aggregateId()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void cloudEventHeadersNameTypeSubjectAndTime(EventType type) {
        FanoutEvent sample = Samples.of(type);

        var headers = CloudEvents.headers(sample, "/fanout/test", "id-1");

        assertThat(headers)
                .containsEntry(CloudEvents.ID, "id-1")
                .containsEntry(CloudEvents.TYPE, "fanout." + type.shortName() + ".v1")
                .containsEntry(CloudEvents.SUBJECT, sample.aggregateId())
                .containsEntry(CloudEvents.TIME, "2026-06-14T13:00:05Z")
                .containsEntry(CloudEvents.SPEC_VERSION, "1.0");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRequiredFieldMissingOrNullIsRefusedNamingItAndEveryOptionalOneIsNot(EventType type) throws Exception {
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            String field = component.getName();
            for (boolean asNull : new boolean[] {false, true}) {
                ObjectNode payload = (ObjectNode) Json.mapper().readTree(Golden.json(type));
                if (asNull) {
                    payload.putNull(field);
                } else {
                    payload.remove(field);
                }
                byte[] bytes = Json.mapper().writeValueAsBytes(payload);
                if (component.isAnnotationPresent(MayBeNull.class)) {
                    assertThat(Json.read(type.ceType(), bytes)).as(field).isNotNull();
                } else {
                    assertThatThrownBy(() -> Json.read(type.ceType(), bytes)).as(field + (asNull ? " null" : " missing"))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventWithARequiredFieldNullIsNeverEmitted(EventType type) throws Exception {
        assertThat(Json.writeValid(Samples.of(type))).isEqualTo(Json.write(Samples.of(type)));
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            if (component.getType().isPrimitive() || component.isAnnotationPresent(MayBeNull.class)) {
                continue;
            }
            ObjectNode payload = (ObjectNode) Json.mapper().readTree(Golden.json(type));
            payload.putNull(component.getName());
            FanoutEvent event = Json.mapper().treeToValue(payload, type.recordType());

            assertThatThrownBy(() -> Json.writeValid(event)).as(component.getName())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot emit " + type.ceType() + " (at " + component.getName() + ")");
        }
    }

    @Test
    void aNullInsideANestedRecordOrListIsRefusedNamingWhere() {
        String match = Golden.json(EventType.MATCH_UPDATED);
        assertThatThrownBy(() -> Json.read(EventType.MATCH_UPDATED.ceType(),
                match.replaceFirst("\"role\" : \"[a-z]+\"", "\"role\" : null").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("match.participants[0].role");
        assertThatThrownBy(() -> Json.read(EventType.MATCH_UPDATED.ceType(),
                match.replaceFirst("\"participants\" : \\[", "\"participants\" : [ null, ").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("match.participants[0]");
    }

    @Test
    void unknownEnumValuesAndExtraFieldsAreTolerated() {
        String newer = Golden.json(EventType.STREAM_ENDED)
                .replace("RECONNECT_WINDOW_EXPIRED", "SOLAR_FLARE")
                .replace("{", "{\"addedLater\":true,");

        var event = (io.fanout.contracts.stream.StreamEnded) Json.read(EventType.STREAM_ENDED.ceType(),
                newer.getBytes(StandardCharsets.UTF_8));

        assertThat(event.reason()).isEqualTo(io.fanout.contracts.stream.EndReason.UNKNOWN);
    }

    @Test
    void malformedPayloadOrUnknownTypeIsAClearError() {
        assertThatThrownBy(() -> Json.read("fanout.stream.started.v1", "{\"sequence\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fanout.stream.started.v1");
        assertThatThrownBy(() -> Json.read("fanout.stream.exploded.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> Json.read("fanout.stream.created.v1", "{\"streamId\":\"s\"}".getBytes(StandardCharsets.UTF_8)))
                .as("a missing primitive is not read as 0")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
