package io.fanout.ingest.edge;

import io.fanout.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The edge's HTTP side: its statistics ({@code /stat}, nginx-rtmp's {@code rtmp_stat}) and its
 * control endpoint ({@code /control}, {@code rtmp_control}), which drops a publisher at once. Without
 * {@code fanout.ingest.edge-http-url} there is no edge to ask: statistics are unknown and drops do
 * nothing (logged).
 */
@ApplicationScoped
public class EdgeClient {

    /**
     * A stream being published on the edge, as its statistics show it: how long and how much, and
     * what the edge parsed of its tracks (codecs in lower case as ffprobe names them; null if absent).
     */
    public record EdgeStream(String name, Duration age, long bytesIn, long bitrateKbps, String publisherClientId,
            String videoCodec, int width, int height, double frameRate, String audioCodec) {
    }

    private static final Logger LOG = Logger.getLogger(EdgeClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Optional<String> baseUrl;
    private final String application;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public EdgeClient(IngestConfig config) {
        this.baseUrl = config.edgeHttpUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.application = config.edgeApplication();
    }

    public boolean configured() {
        return baseUrl.isPresent();
    }

    /**
     * The streams being published in the ingest application, by name; empty when the edge is not
     * configured or does not answer (then nothing is known, which is not the same as "none").
     */
    public Optional<Map<String, EdgeStream>> publishing() {
        if (baseUrl.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/stat"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.debugf("edge statistics answered %d", response.statusCode());
                return Optional.empty();
            }
            return Optional.of(parse(response.body(), application));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            LOG.debugf("edge statistics unavailable: %s", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The stream named {@code name} as the edge publishes it now; empty if it does not, or does not answer. */
    public Optional<EdgeStream> publishing(String name) {
        return publishing().flatMap(streams -> Optional.ofNullable(streams.get(name)));
    }

    /** Drops the publisher of {@code streamName} on the edge at once; returns whether the edge dropped one. */
    public boolean dropPublisher(String streamName) {
        if (baseUrl.isEmpty()) {
            LOG.warnf("no edge-http-url configured: the publisher of %s cannot be dropped", streamName);
            return false;
        }
        URI uri = URI.create(baseUrl.get() + "/control/drop/publisher?app=" + encode(application) + "&name="
                + encode(streamName));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            // rtmp_control answers the number of clients it dropped.
            boolean dropped = response.statusCode() == 200 && !"0".equals(response.body().trim());
            LOG.infof("edge drop of %s's publisher: %s", streamName, dropped ? "dropped" : "none was publishing");
            return dropped;
        } catch (IOException e) {
            LOG.warnf("edge drop of %s's publisher failed: %s", streamName, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Map<String, EdgeStream> parse(byte[] xml, String application)
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document document = builder.parse(new ByteArrayInputStream(xml));
        Map<String, EdgeStream> streams = new HashMap<>();
        NodeList applications = document.getElementsByTagName("application");
        for (int i = 0; i < applications.getLength(); i++) {
            Element app = (Element) applications.item(i);
            if (!application.equals(childText(app, "name"))) {
                continue;
            }
            NodeList found = app.getElementsByTagName("stream");
            for (int j = 0; j < found.getLength(); j++) {
                Element stream = (Element) found.item(j);
                String publisher = publisherId(stream);
                if (publisher != null) {
                    String name = childText(stream, "name");
                    Element video = child(child(stream, "meta"), "video");
                    Element audio = child(child(stream, "meta"), "audio");
                    streams.put(name, new EdgeStream(name, Duration.ofMillis(number(stream, "time")),
                            number(stream, "bytes_in"), number(stream, "bw_in") / 1000, publisher,
                            codec(video), (int) number(video, "width"), (int) number(video, "height"),
                            number(video, "frame_rate"), codec(audio)));
                }
            }
        }
        return streams;
    }

    /** The edge client id of the stream's publisher, or null if nobody publishes it. */
    private static String publisherId(Element stream) {
        for (Node n = stream.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element client && "client".equals(client.getTagName())
                    && client.getElementsByTagName("publishing").getLength() > 0) {
                return childText(client, "id");
            }
        }
        return null;
    }

    private static String codec(Element track) {
        String codec = track == null ? null : childText(track, "codec");
        return codec == null || codec.isBlank() ? null : codec.trim().toLowerCase(Locale.ROOT);
    }

    private static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && tag.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static long number(Element parent, String tag) {
        String text = parent == null ? null : childText(parent, tag);
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String childText(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? null : e.getTextContent();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
