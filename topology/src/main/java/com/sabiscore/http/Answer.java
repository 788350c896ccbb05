package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.query.JsonFormat;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer: status, body and its type, and any headers beyond the ones every answer
 * carries ({@code Content-Type}, {@code Content-Length}, {@code Date}, {@code Connection}).
 *
 * @param headers extra headers as name, value, name, value, ...
 */
record Answer(int status, BodyType type, byte[] body, String... headers) {

    /** The body types the server sends, each with its precomputed header line. */
    enum BodyType {
        JSON("application/json"),
        PROMETHEUS("text/plain; version=0.0.4; charset=utf-8"),
        BYTES("application/octet-stream"),
        HTML("text/html; charset=utf-8"),
        CSS("text/css; charset=utf-8"),
        JAVASCRIPT("text/javascript; charset=utf-8"),
        SVG("image/svg+xml"),
        PNG("image/png"),
        /** Server-sent events: the answer has no length, its events follow for as long as the connection lasts. */
        EVENT_STREAM("text/event-stream; charset=utf-8");

        private final byte[] headerLine;

        BodyType(String contentType) {
            this.headerLine = ("Content-Type: " + contentType + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        byte[] headerLine() {
            return headerLine;
        }
    }

    /** 200 with bytes that already are a JSON document. */
    static Answer json(byte[] json) {
        return new Answer(200, BodyType.JSON, json);
    }

    /** {@code value} serialised with the serving layer's JSON format. */
    static Answer json(int status, Object value, String... headers) {
        try {
            return new Answer(status, BodyType.JSON, JsonFormat.mapper().writeValueAsBytes(value), headers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an answer always serialises", e);
        }
    }

    /** 200 with {@code value} as JSON. */
    static Answer json(Object value) {
        return json(200, value);
    }

    /** {@code {"error": message}}. */
    static Answer error(int status, String message, String... headers) {
        return json(status, new ErrorBody(message), headers);
    }
}
