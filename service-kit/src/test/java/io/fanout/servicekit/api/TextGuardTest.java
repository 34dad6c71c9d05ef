package io.fanout.servicekit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile strings in a JSON body are refused with the field they were in; ordinary text passes. */
class TextGuardTest {

    record Named(String name, List<String> tags, Map<String, String> extra) {
    }

    private final ObjectMapper mapper = guarded();

    private static ObjectMapper guarded() {
        ObjectMapper mapper = new ObjectMapper();
        new TextGuard().customize(mapper);
        return mapper;
    }

    @Test
    void controlCharactersLoneSurrogatesAndOverlongStringsAreRefusedNamingTheField() {
        for (String hostile : List.of("\\u0000", "a\\u0000b", "\\u0001", "\\u001b[31m", "\\u007f", "\\u0085", "\\u009f",
                "\\ud800", "x\\udfff", "\\ud83d", "\\udc00\\ud800")) {
            assertThatThrownBy(() -> mapper.readValue("{\"name\":\"" + hostile + "\"}", Named.class)).as(hostile)
                    .isInstanceOf(TextGuard.RefusedText.class)
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("name"));
        }
        assertThatThrownBy(() -> mapper.readValue("{\"tags\":[\"ok\",\"\\u0000\"]}", Named.class))
                .isInstanceOf(TextGuard.RefusedText.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPathReference()).contains("tags").contains("[1]"));
        assertThatThrownBy(() -> mapper.readValue("{\"extra\":{\"k\":\"" + "x".repeat(TextGuard.MAX_LENGTH + 1) + "\"}}",
                Named.class)).isInstanceOf(TextGuard.RefusedText.class).hasMessageContaining("longer than");
    }

    @Test
    void ordinaryTextPasses() throws Exception {
        Named named = mapper.readValue("{\"name\":\"Stade de France \\ud83c\\udfc9 \\u202e\\tline\\nnext\\r\","
                + "\"tags\":[\"Élodie\",\"東京\"],\"extra\":{\"k\":\"" + "x".repeat(TextGuard.MAX_LENGTH) + "\"}}", Named.class);
        assertThat(named.name()).startsWith("Stade de France ").contains("\t", "\n");
        assertThat(named.tags()).containsExactly("Élodie", "東京");
    }
}
