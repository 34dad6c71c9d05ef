package io.fanout.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden JSON sample of each event type, shipped in this jar under {@code golden/<ce type>.json}.
 * The contracts test proves each record serialises to exactly its sample; consumer tests feed the
 * samples to their consumers, so producer and consumer are held to the same bytes.
 */
public final class Golden {

    private Golden() {
    }

    /** Resource path of the sample for {@code type}. */
    public static String resource(EventType type) {
        return "golden/" + type.ceType() + ".json";
    }

    /** The sample for {@code type}, as UTF-8 JSON text. */
    public static String json(EventType type) {
        String path = resource(type);
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no golden sample at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample for {@code type}, read as its record. */
    public static FanoutEvent event(EventType type) {
        return Json.read(type.ceType(), json(type).getBytes(StandardCharsets.UTF_8));
    }
}
