package io.fanout.transcode.runner;

import io.fanout.transcode.domain.SourceMedia;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the edge already knows about a live source: nginx-rtmp's {@code /stat} lists, per stream,
 * the encoder's codecs, picture size, frame rate, H.264 profile and level as soon as the encoder
 * has sent its metadata and codec headers. Reading it costs milliseconds, where ffprobe must wait
 * for a keyframe and then analyse; the ladder connects a keyframe interval sooner, and a recording
 * loses that much less of the session's start.
 */
final class EdgeStat {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String statUrl;
    private final String application;

    EdgeStat(String statUrl, String application) {
        this.statUrl = statUrl;
        this.application = application;
    }

    /** The stream's source as the edge describes it, once the edge has its video metadata. */
    Optional<SourceMedia> source(String streamId) throws IOException {
        try {
            HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(statUrl))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("the edge's stat answered " + answer.statusCode());
            }
            return parse(answer.body(), application, streamId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the edge's stat", e);
        }
    }

    static Optional<SourceMedia> parse(byte[] xml, String application, String streamId) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the edge's stat is not readable XML", e);
        }
        NodeList applications = root.getElementsByTagName("application");
        for (int a = 0; a < applications.getLength(); a++) {
            Element app = (Element) applications.item(a);
            if (!application.equals(text(app, "name"))) {
                continue;
            }
            NodeList streams = app.getElementsByTagName("stream");
            for (int s = 0; s < streams.getLength(); s++) {
                Element stream = (Element) streams.item(s);
                if (streamId.equals(text(stream, "name"))) {
                    return media(stream);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<SourceMedia> media(Element stream) {
        Element video = child(stream, "meta").flatMap(meta -> child(meta, "video")).orElse(null);
        if (video == null || number(text(video, "height")) <= 0) {
            return Optional.empty();
        }
        Optional<Element> audio = child(stream, "meta").flatMap(meta -> child(meta, "audio"));
        String level = text(video, "level");
        return Optional.of(new SourceMedia(codec(text(video, "codec")), (int) number(text(video, "width")),
                (int) number(text(video, "height")), number(text(video, "frame_rate")),
                (int) (number(text(stream, "bw_video")) / 1000), text(video, "profile"),
                level == null ? 0 : (int) Math.round(number(level) * 10),
                audio.map(a -> codec(text(a, "codec"))).orElse(null), 0));
    }

    /** nginx-rtmp's codec names ({@code H264}, {@code AAC}) as ffmpeg's ({@code h264}, {@code aac}). */
    private static String codec(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).orElse(null);
    }

    private static double number(String text) {
        try {
            return text == null ? 0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
