package com.sabiscore.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection driven by hand: a request is written, its answer read whole,
 * and nothing is retried or hidden. A load test has to see a connection that the server drops
 * with a request on it, which a library client may silently send again.
 */
final class HttpExchange implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;

    /** A request to send: method, path (already URL-encoded) and JSON body, or null for none. */
    record Request(String method, String path, String body) {

        static Request get(String path) {
            return new Request("GET", path, null);
        }

        static Request post(String path, String json) {
            return new Request("POST", path, json);
        }

        /** {@code GET /api/v1/predictions/{fixtureId}}, the id URL-encoded. */
        static Request prediction(String fixtureId) {
            return get("/api/v1/predictions/" + pathSegment(fixtureId));
        }

        /** {@code text} as one URL path segment (spaces as %20, not +). */
        static String pathSegment(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** The status and body of an answer. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpExchange(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends {@code request} on the open connection (opening one if there is none) and reads the answer.
     *
     * @throws IOException when the connection cannot be made, or is closed or reset before the whole answer came
     */
    Response send(Request request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        try {
            byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n");
            if (request.body() != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        String body = chunked ? readChunks() : new String(readExactly(Math.max(0, length)), StandardCharsets.UTF_8);
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private String readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(readExactly(size));
            readLine();
        }
        for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
            // trailers are not used
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private int chunkSize() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new IOException("connection closed inside a chunked answer");
        }
        return Integer.parseInt(line.split(";", 2)[0].trim(), 16);
    }

    private byte[] readExactly(long length) throws IOException {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new IOException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** A CRLF-terminated line, or null at the end of the stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            socket = null;
        }
    }
}
