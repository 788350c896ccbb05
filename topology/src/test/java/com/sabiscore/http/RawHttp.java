package com.sabiscore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.query.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket for tests: requests are written as raw bytes, so a test controls
 * exactly what goes over the wire (pipelining, half-sent bodies, malformed requests), and each
 * answer is read off the socket as it arrives.
 */
final class RawHttp {

    /** How long a read waits for the server before the test fails: longer than any timeout a test server has. */
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    private RawHttp() {
    }

    /** Status, headers (names lower-cased) and body of one answer read off a socket. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JsonFormat.mapper().readTree(body);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(SOCKET_TIMEOUT_MS);
        return socket;
    }

    static void send(Socket socket, String raw) throws IOException {
        send(socket, raw.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Socket socket, byte[] raw) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(raw);
        out.flush();
    }

    /** A GET of {@code path} that keeps the connection open. */
    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    static Reply read(Socket socket) throws IOException {
        return read(socket, true);
    }

    /** @param expectBody false for the answer to a HEAD request, which declares a length but has no body */
    static Reply read(Socket socket, boolean expectBody) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = expectBody ? Integer.parseInt(headers.get("content-length")) : 0;
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
