package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.query.JsonFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a JSON answer straight to the servlet response. Javalin's own {@code ctx.json} turns the
 * answer into a String and then copies it to the response through a fresh 32 KiB buffer per
 * request: on the hot routes that buffer was most of the memory the server allocated.
 */
final class JsonResponses {

    private JsonResponses() {
    }

    /** Sends {@code value} serialised with the serving layer's JSON format. */
    static void send(Context ctx, Object value) {
        try {
            send(ctx, JsonFormat.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an answer always serialises", e);
        }
    }

    /** Sends bytes that already are a JSON document. */
    static void send(Context ctx, byte[] json) {
        ctx.contentType(ContentType.APPLICATION_JSON);
        ctx.res().setContentLength(json.length);
        try {
            ctx.res().getOutputStream().write(json);
        } catch (IOException e) {
            // the client went away: nothing left to answer
            throw new UncheckedIOException(e);
        }
    }
}
