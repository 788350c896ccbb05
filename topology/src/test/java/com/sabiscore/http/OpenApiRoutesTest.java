package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sabiscore.query.JsonFormat;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API document held against the running app, both ways, so the two cannot drift: it is valid
 * OpenAPI 3.1, every route the server has is in it and everything in it is a route; each
 * operation's example request succeeds with a documented status and content type and a body that
 * validates against the documented schema; a bad competition is the documented 422 error body.
 * Also the CORS preflight as a browser sends it over the wire.
 */
class OpenApiRoutesTest {

    private static final String ALLOWED_ORIGIN = "https://fans.example";

    @TempDir
    static Path folder;

    private static SingleInstance instance;
    private static AppInstance app;
    private static JsonNode document;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one example request answered. */
    private record Reply(int status, String contentType, String body, HttpResponse<?> raw) {
    }

    @BeforeAll
    static void streamSomeFixtures() throws Exception {
        instance = SingleInstance.start(folder, "openapi-test", Map.of(
                "topic.partitions", "3",
                "http.cors.allowed.origins", ALLOWED_ORIGIN,
                // the predict examples leave no entry in the shared Redis for long
                "cache.ttl.seconds", "1"));
        app = instance.app();
        StreamedFixtures.produce(app.config, StreamedFixtures.RESULTS, StreamedFixtures.FIXTURES);
        StreamedFixtures.awaitPredicted(app, StreamedFixtures.FIXTURES);
        document = JsonFormat.mapper().readTree(new HttpCalls().get(app.url(OpenApiRoutes.DOCUMENT_PATH)).body());
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void shouldServeAValidOpenApi31Document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void shouldDocumentEveryPublicRouteAndNoOther() {
        Set<String> served = new TreeSet<>();
        for (RouteTable.Listed route : app.http.routes().listed()) {
            if (!route.path().startsWith("/internal/")) {
                served.add(route.method() + " " + route.path());
            }
        }

        assertThat(documentedOperations()).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void shouldAnswerEveryExampleRequestAsDocumented() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                Reply reply = send(operation.getKey(), path.getKey(), operation.getValue(), Map.of());
                String what = operation.getKey() + " " + path.getKey();

                assertThat(reply.status()).as(what + " status").isBetween(200, 299);
                assertDocumented(what, operation.getValue(), reply);
                checked.add(what);
            }
        }
        assertThat(checked).hasSize(documentedOperations().size());
    }

    @Test
    void shouldAnswerAnUnknownCompetitionWithTheDocumentedError() throws Exception {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!hasParameter(operation.getValue(), "competition")) {
                    continue;
                }
                Reply reply = send(operation.getKey(), path.getKey(), operation.getValue(), Map.of("competition", "Narnia"));
                String what = operation.getKey() + " " + path.getKey() + " with competition Narnia";

                assertThat(reply.status()).as(what).isEqualTo(422);
                assertThat(reply.body()).as(what).contains("Narnia");
                assertDocumented(what, operation.getValue(), reply);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldAnswerAPreflightFromTheConfiguredOriginAndNotFromAnother() throws Exception {
        Reply allowed = preflight(ALLOWED_ORIGIN);
        Reply other = preflight("https://elsewhere.example");

        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(allowed.raw().headers().firstValue("Vary")).hasValue("Origin");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.raw().headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    private Reply preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/v1/predict")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
    }

    private static Set<String> documentedOperations() {
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        return documented;
    }

    private static boolean hasParameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Sends the operation's example request, with some parameters' examples replaced. */
    private Reply send(String method, String template, JsonNode operation, Map<String, String> replaced) throws Exception {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asText();
            if (!parameter.has("example")) {
                continue;
            }
            String value = replaced.getOrDefault(name, parameter.get("example").asText());
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            switch (parameter.get("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", encoded);
                case "query" -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encoded);
                default -> throw new IllegalStateException("no example is sent in " + parameter.get("in"));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path + query))).timeout(Duration.ofSeconds(30));
        JsonNode body = operation.path("requestBody").path("content").path("application/json");
        if (body.has("example")) {
            assertValid(method + " " + template + " example request", body.get("schema"), body.get("example"));
            request.header("Content-Type", "application/json")
                    .method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString(body.get("example").toString()));
        } else {
            request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String text;
        try (InputStream in = response.body()) {
            // an event stream stays open: its head is what is checked
            text = contentType.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Reply(response.statusCode(), contentType, text, response);
    }

    private static void assertDocumented(String what, JsonNode operation, Reply reply) throws IOException {
        JsonNode documented = operation.path("responses").path(Integer.toString(reply.status()));
        if (documented.has("$ref")) {
            documented = resolve(documented.get("$ref").asText());
        }
        assertThat(documented.isMissingNode()).as(what + ": status " + reply.status() + " is documented").isFalse();
        String mediaType = reply.contentType().split(";")[0].strip();
        JsonNode media = documented.path("content").path(mediaType);
        assertThat(media.isMissingNode()).as(what + ": " + mediaType + " is documented for " + reply.status()).isFalse();
        if (mediaType.equals("application/json")) {
            assertValid(what + " answer", media.get("schema"), JsonFormat.mapper().readTree(reply.body()));
        }
    }

    private static JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }

    /** Validates against a schema of the document, its references resolved within the document. */
    private static void assertValid(String what, JsonNode schema, JsonNode value) {
        ObjectNode root = JsonFormat.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(root).validate(value);
        assertThat(problems).as(what + " validates: " + value).isEmpty();
    }
}
