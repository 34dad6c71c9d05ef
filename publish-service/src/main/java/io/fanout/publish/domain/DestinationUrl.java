package io.fanout.publish.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A destination's ingest URL as a partner gives it ({@code rtmp://} or {@code rtmps://}, host, and
 * the application path), and the full URL a push publishes to: the URL with the stream key appended
 * as the last path segment, as every RTMP ingest expects.
 */
public final class DestinationUrl {

    private DestinationUrl() {
    }

    /** Why {@code url} is not a usable RTMP(S) ingest URL, or null when it is. */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
                return "must start with rtmp:// or rtmps://";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "must name a host";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return "must not carry a query, fragment or user info";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
    }

    /** The URL a push publishes to: {@code ingestUrl} + "/" + {@code streamKey}. */
    public static String publishUrl(String ingestUrl, String streamKey) {
        String base = ingestUrl.endsWith("/") ? ingestUrl.substring(0, ingestUrl.length() - 1) : ingestUrl;
        return base + "/" + streamKey;
    }
}
