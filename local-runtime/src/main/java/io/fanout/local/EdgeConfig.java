package io.fanout.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge's configuration template ({@code deploy/edge/nginx.conf.template}, on the classpath as
 * {@code fanout/edge/nginx.conf.template}) and its rendering: every {@code ${NAME}} replaced by its
 * value, as the edge image's {@code envsubst} does. A name without a value is an error, not an empty
 * string.
 */
public final class EdgeConfig {

    /** The template's variables that keep RTMPS out (its lines commented). */
    public static final Map<String, String> WITHOUT_RTMPS = Map.of("WITH_RTMPS", "#", "STREAM_MODULE", "-",
            "RTMPS_LISTEN", "-", "TLS_CERTIFICATE", "-", "TLS_KEY", "-", "RTMP_UPSTREAM", "-");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)}");

    private EdgeConfig() {
    }

    /** The template as it is stored. */
    public static String template() {
        try (InputStream in = EdgeConfig.class.getResourceAsStream("/fanout/edge/nginx.conf.template")) {
            if (in == null) {
                throw new IllegalStateException("fanout/edge/nginx.conf.template is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with every variable replaced by its value in {@code values}. */
    public static String render(Map<String, String> values) {
        Matcher m = VARIABLE.matcher(template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in the edge's template");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
