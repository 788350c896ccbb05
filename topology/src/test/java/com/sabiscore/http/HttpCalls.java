package com.sabiscore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.query.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JDK HTTP client for tests, answers parsed as JSON when they are JSON. */
final class HttpCalls {

    /** Status, body text and the body as JSON (null when it is not JSON). */
    record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A GET with headers given as name, value, name, value, ... */
    Answer get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).headers(headers).GET().build());
    }

    Answer post(String url, String body) {
        return post(url, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A body of any bytes, UTF-8 or not. */
    Answer post(String url, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), jsonOrNull(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode jsonOrNull(String body) {
        try {
            return JsonFormat.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
