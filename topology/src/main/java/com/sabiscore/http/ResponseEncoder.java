package com.sabiscore.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Answer} as HTTP/1.1 bytes into one pooled direct buffer: status line, headers
 * and body in a single write. Status lines and the fixed headers are precomputed; the
 * {@code Date} header is rendered once a second ({@link #refreshDate}), not per answer.
 * Thread-safe.
 */
final class ResponseEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code = 100; code < STATUS_LINES.length; code++) {
            STATUS_LINES[code] = ("HTTP/1.1 " + HttpResponseStatus.valueOf(code) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The final 100 Continue answer to {@code Expect: 100-continue}. */
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How a connection goes on after an answer. */
    enum Connection {
        /** HTTP/1.1's default: no header needed. */
        PERSISTENT,
        /** An HTTP/1.0 client that asked to keep the connection open. */
        KEEP_ALIVE,
        /** The server closes the connection after this answer. */
        CLOSE
    }

    private volatile byte[] dateLine = dateLine();

    /** Renders the {@code Date} header again; called once a second. */
    void refreshDate() {
        dateLine = dateLine();
    }

    private static byte[] dateLine() {
        return ("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** @param withBody false for an answer to HEAD: its headers describe the body, which is not sent */
    ByteBuf encode(ByteBufAllocator allocator, Answer answer, Connection connection, boolean withBody) {
        byte[] status = STATUS_LINES[answer.status()];
        byte[] date = dateLine;
        byte[] type = answer.type().headerLine();
        byte[] body = answer.body();
        byte[] connectionLine = switch (connection) {
            case PERSISTENT -> null;
            case KEEP_ALIVE -> CONNECTION_KEEP_ALIVE;
            case CLOSE -> CONNECTION_CLOSE;
        };
        int size = status.length + date.length + type.length + CONTENT_LENGTH.length + 10 + 2 * CRLF.length
                + (withBody ? body.length : 0)
                + (connectionLine == null ? 0 : connectionLine.length);
        String[] headers = answer.headers();
        for (int i = 0; i < headers.length; i += 2) {
            size += headers[i].length() + headers[i + 1].length() + 4;
        }
        ByteBuf out = allocator.directBuffer(size);
        out.writeBytes(status).writeBytes(date).writeBytes(type);
        // an event stream's length is unknown, and a 204 must not state one
        if (answer.type() != Answer.BodyType.EVENT_STREAM && answer.status() != 204) {
            out.writeBytes(CONTENT_LENGTH);
            writeDecimal(out, body.length);
            out.writeBytes(CRLF);
        }
        if (connectionLine != null) {
            out.writeBytes(connectionLine);
        }
        for (int i = 0; i < headers.length; i += 2) {
            out.writeCharSequence(headers[i], StandardCharsets.US_ASCII);
            out.writeByte(':').writeByte(' ');
            out.writeCharSequence(headers[i + 1], StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        if (withBody) {
            out.writeBytes(body);
        }
        return out;
    }

    private static void writeDecimal(ByteBuf out, int value) {
        if (value >= 10) {
            writeDecimal(out, value / 10);
        }
        out.writeByte('0' + value % 10);
    }
}
