package io.fanout.servicekit.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string in every JSON body a service reads is checked before any code sees it: a NUL or other
 * control character (tab, line feed and carriage return aside), an unpaired UTF-16 surrogate, or more
 * than {@value #MAX_LENGTH} characters is refused with a 400 naming the field. PostgreSQL refuses a
 * NUL and a lone surrogate cannot be encoded as UTF-8, so each of these was a 500 where it reached a
 * database; none of them is text anyone means to send. Fields with their own rules (names:
 * {@link Printable}, sizes) check more on top.
 */
@Singleton
public class TextGuard implements ObjectMapperCustomizer {

    /** Longer than any field of any API; a longer string is refused unread by the rest. */
    public static final int MAX_LENGTH = 16_384;

    /** A string refused for what it holds; its message is the reason, its path the field. */
    public static final class RefusedText extends JsonMappingException {
        RefusedText(JsonParser parser, String reason) {
            super(parser, reason);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("fanout-text-guard").addDeserializer(String.class, new Guarded()));
    }

    /** Why {@code text} is refused, or null when it is acceptable. */
    public static String problem(String text) {
        if (text.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "holds an unpaired surrogate";
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
        }
        return null;
    }

    private static final class Guarded extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : problem(text);
            if (problem != null) {
                throw new RefusedText(parser, problem);
            }
            return text;
        }
    }
}
