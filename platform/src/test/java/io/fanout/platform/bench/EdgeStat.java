package io.fanout.platform.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The streams in one reading of nginx-rtmp's {@code /stat}, by {@code application/stream}: bytes
 * received, whether a publisher is on, and the frames nginx dropped for the stream's slow readers
 * (each client's {@code dropped}, summed).
 */
record EdgeStat(Map<String, Stream> streams) {

    record Stream(long bytesIn, boolean publishing, long droppedFrames) {
    }

    static EdgeStat parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Map<String, Stream> streams = new HashMap<>();
            NodeList applications = document.getElementsByTagName("application");
            for (int a = 0; a < applications.getLength(); a++) {
                Element application = (Element) applications.item(a);
                String app = child(application, "name").getTextContent();
                NodeList found = application.getElementsByTagName("stream");
                for (int s = 0; s < found.getLength(); s++) {
                    Element stream = (Element) found.item(s);
                    long dropped = 0;
                    NodeList clients = stream.getElementsByTagName("client");
                    for (int c = 0; c < clients.getLength(); c++) {
                        Element client = child((Element) clients.item(c), "dropped");
                        dropped += client == null ? 0 : Long.parseLong(client.getTextContent().trim());
                    }
                    Element bytes = child(stream, "bytes_in");
                    streams.put(app + "/" + child(stream, "name").getTextContent(), new Stream(
                            bytes == null ? 0 : Long.parseLong(bytes.getTextContent().trim()),
                            child(stream, "publishing") != null, dropped));
                }
            }
            return new EdgeStat(streams);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read nginx-rtmp statistics", e);
        }
    }

    Stream stream(String path) {
        return streams.getOrDefault(path, new Stream(0, false, 0));
    }

    /** The first child element called {@code name}, or null. */
    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
