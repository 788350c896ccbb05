package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.query.JsonFormat;
import java.io.IOException;

/**
 * Reads a request body as exactly one JSON document: anything after it but whitespace (a second
 * document, trailing garbage) is refused, since a client sending it meant something else than
 * what would be answered. Its size is capped before this, while it is read ({@link HttpConnection}
 * answers 413); Jackson's own limits bound nesting depth and number length.
 */
final class BodyReader {

    private BodyReader() {
    }

    static JsonNode json(Request request) {
        byte[] body = request.body();
        if (body.length == 0) {
            throw RequestRejected.malformed("the request body is empty: send a JSON document");
        }
        ObjectMapper mapper = JsonFormat.mapper();
        try (JsonParser parser = mapper.createParser(body)) {
            JsonNode document = mapper.readTree(parser);
            if (document == null) {
                throw RequestRejected.malformed("the request body holds no JSON document, only whitespace");
            }
            if (parser.nextToken() != null) {
                throw RequestRejected.malformed("malformed JSON: the body goes on after its JSON document: send one document only");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw RequestRejected.malformed("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.malformed("unreadable request body: " + e.getMessage());
        }
    }
}
