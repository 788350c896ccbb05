package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.query.JsonFormat;
import java.io.IOException;

/**
 * Reads a request body as JSON. Its size is capped before this, while it is read
 * ({@link HttpConnection} answers 413).
 */
final class BodyReader {

    private BodyReader() {
    }

    static JsonNode json(Request request) {
        byte[] body = request.body();
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
}
