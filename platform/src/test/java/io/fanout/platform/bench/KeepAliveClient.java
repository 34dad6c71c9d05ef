package io.fanout.platform.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection doing blocking GETs, for load generators: a benchmark's
 * callers share the machine with what they measure, and {@code java.net.http.HttpClient} costs
 * several times more CPU per call than this. Reads the status and skips the body (Content-Length
 * or chunked); reconnects when the server closes.
 */
final class KeepAliveClient implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveClient(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** GETs {@code pathAndQuery}; returns the status, or -1 if the connection failed. */
    int get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    /** GETs {@code pathAndQuery} with an {@code Authorization} header (none if null). */
    int get(String pathAndQuery, String authorization) {
        String extra = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                connect();
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + extra + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
            }
        }
        return -1;
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
    }

    private int readResponse() throws IOException {
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else {
            skip(length);
        }
        if (closing) {
            close();
        }
        return code;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
