package io.fanout.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct reading of wire-format times gives what {@link Instant#parse} and Jackson give, and refuses what they
 * refuse; the direct writing gives what {@link Instant#toString} and Jackson give.
 */
class IsoInstantsTest {

    private static final ObjectMapper JACKSON_ALONE = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    static Stream<String> texts() {
        List<String> texts = new ArrayList<>(List.of("2026-06-14T13:00:00Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
                "2026-04-31T12:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-01-01T24:00:00Z", "2026-12-31T23:59:60Z", "2026-01-01T23:60:00Z", "2026-06-14T13:00:00+02:00",
                "2026-06-14T13:00:00.Z", " 2026-06-14T13:00:00Z", "2026-06-14T13:00:00Z ", "2026-06-14t13:00:00z",
                "0000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2026-06-14T13:00Z", "2026-6-14T13:00:00Z", "abcd-ef-ghTij:kl:mnZ", "2026-06-14T13:00:00.1234567890Z",
                "2026-06-14T13:00:00,5Z", "2026-06-14T13:00:0aZ", "2026-06-14T13:00:00.12a4Z", "2026-06-14 13:00:00Z",
                "1781442000", ""));
        for (int digits = 1; digits <= 9; digits++) {
            texts.add("2026-06-14T13:00:00." + "123456789".substring(0, digits) + "Z");
        }
        return texts.stream();
    }

    /** Times between the years 1900 and 9999 as producers write them ({@link Instant#toString}: 0, 3, 6 or 9 fraction digits). */
    @Test
    void readsEveryTimeAsProducersWriteIt() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 253_402_300_799L), random.nextInt(4) == 0
                    ? 0 : random.nextInt(1_000_000_000));
            assertThat(IsoInstants.direct(instant.toString())).isEqualTo(instant);
            assertThat(Json.mapper().readValue("\"" + instant + "\"", Instant.class)).isEqualTo(instant);
        }
    }

    /** Every kind of instant the writer meets: any second of the years it writes itself, the edges, beyond them. */
    static Stream<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("2100-02-28T23:59:59Z"), Instant.parse("2000-03-01T00:00:00Z"),
                Instant.parse("1900-03-01T00:00:00.001Z"), Instant.parse("2026-06-14T13:00:00.000001Z")));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), nanos));
        }
        return instants.stream();
    }

    @Test
    void writesWhatInstantToStringAndJacksonAloneWrite() throws Exception {
        ObjectMapper jacksonAlone = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        for (Instant instant : instants().toList()) {
            assertThat(IsoInstants.format(instant)).as("%s", instant).isEqualTo(instant.toString());
            assertThat(Json.mapper().writeValueAsString(instant)).isEqualTo(jacksonAlone.writeValueAsString(instant));
        }
    }

    record Stamped(@JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at, Instant plain) {
    }

    @Test
    void aFormatChosenForAPropertyIsStillJacksons() throws Exception {
        Instant at = Instant.parse("2026-06-14T13:00:00.5Z");
        assertThat(Json.mapper().writeValueAsString(new Stamped(at, at)))
                .isEqualTo("{\"at\":1781442000.500000000,\"plain\":\"2026-06-14T13:00:00.500Z\"}");
    }

    /** Jackson makes each property's serializer from the type's: a property's time is written by the writer too. */
    @Test
    void propertiesAreWrittenByTheWriterToo() throws Exception {
        assertThat(serializerOf(Json.mapper(), Stamped.class, "plain")).isInstanceOf(IsoInstants.Serializer.class);
    }

    /** The serializer Jackson writes {@code property} of {@code type} with. */
    static JsonSerializer<Object> serializerOf(ObjectMapper mapper, Class<?> type, String property) throws Exception {
        BeanSerializerBase bean = (BeanSerializerBase) mapper.getSerializerProviderInstance()
                .findTypedValueSerializer(type, true, null);
        for (Iterator<PropertyWriter> properties = bean.properties(); properties.hasNext();) {
            PropertyWriter writer = properties.next();
            if (writer.getName().equals(property)) {
                return ((BeanPropertyWriter) writer).getSerializer();
            }
        }
        throw new AssertionError(type + " has no property " + property);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void readsWhatInstantParseReadsAndRefusesWhatItRefuses(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
            assertThat(IsoInstants.direct(text)).isNull();
            return;
        }
        assertThat(IsoInstants.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void jsonReadsWhatJacksonAloneReads(String text) throws Exception {
        String json = Json.mapper().writeValueAsString(text);
        Instant expected;
        try {
            expected = JACKSON_ALONE.readValue(json, Instant.class);
        } catch (Exception refused) {
            assertThatThrownBy(() -> Json.mapper().readValue(json, Instant.class)).isInstanceOf(refused.getClass())
                    .hasMessage(refused.getMessage());
            return;
        }
        assertThat(Json.mapper().readValue(json, Instant.class)).isEqualTo(expected);
    }

    @Test
    void theWireFormatsOwnFormIsReadDirectly() {
        assertThat(IsoInstants.direct("2026-06-14T13:00:00.5Z")).isEqualTo(Instant.parse("2026-06-14T13:00:00.500Z"));
        assertThat(IsoInstants.direct("2026-06-14T13:00:00+00:00")).isNull();
    }

    @Test
    void numbersAreStillReadAsJacksonReadsThem() throws Exception {
        assertThat(Json.mapper().readValue("1781442000", Instant.class))
                .isEqualTo(JACKSON_ALONE.readValue("1781442000", Instant.class));
    }
}
