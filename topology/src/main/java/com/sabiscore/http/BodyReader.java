package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.query.JsonFormat;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON request body of at most {@code maxBytes}: a larger one is refused with 413 before it
 * is read whole, whether or not it declares its length.
 */
final class BodyReader {

    private final int maxBytes;

    BodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    JsonNode json(Context ctx) {
        byte[] body = capped(ctx);
        if (body.length == 0) {
            throw RequestRejected.malformed("the request body is empty: send a JSON document");
        }
        try {
            return JsonFormat.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestRejected.malformed("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.malformed("unreadable request body: " + e.getMessage());
        }
    }

    private byte[] capped(Context ctx) {
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw RequestRejected.malformed("unreadable request body: " + e.getMessage());
        }
    }

    private HttpResponseException tooLarge() {
        return new HttpResponseException(413, "the request body is larger than " + maxBytes + " bytes");
    }
}
