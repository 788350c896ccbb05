package com.sabiscore.http;

import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API describing itself: {@code GET /openapi.json}, an OpenAPI 3.1 document of every public
 * route (kept in step with the routes by a test that reads both), and {@code GET /docs}, Swagger
 * UI rendering it, served from its webjar in the jar (no CDN), its files under {@code /docs/}.
 */
public final class OpenApiRoutes {

    static final String DOCUMENT_PATH = "/openapi.json";
    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";

    private final StaticFiles document = StaticFiles.read(Map.of("openapi.json", "web/openapi.json"),
            "Cache-Control", "no-cache");
    private final StaticFiles docs = StaticFiles.read(Map.of(
            "index.html", "web/docs.html",
            "docs.js", "web/docs.js",
            "swagger-ui.css", SWAGGER_UI + "swagger-ui.css",
            "swagger-ui-bundle.js", SWAGGER_UI + "swagger-ui-bundle.js",
            "favicon-32x32.png", SWAGGER_UI + "favicon-32x32.png"),
            "Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, DOCUMENT_PATH, request -> document.answer("openapi.json"))
                .inline(HttpMethod.GET, "/docs", request -> docs.answer("index.html"))
                .inline(HttpMethod.GET, "/docs/{file}", request -> docs.answer(request.pathParam("file")));
    }

    /** The version of the Swagger UI webjar on the class path, which names its folder. */
    private static String swaggerUiVersion() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Swagger UI webjar's version", e);
        }
    }
}
