package com.sabiscore.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;

/**
 * The web page: {@code GET /} and its assets under {@code /assets/}, plain HTML, CSS and
 * hand-written JavaScript from the jar (no build step, no framework). The page reads the public
 * API and follows {@link PredictionEventStream} for live updates. Answers carry a content security
 * policy that allows only the server's own scripts, styles and connections.
 */
public final class PageRoutes {

    private static final String[] HEADERS = {
            "Cache-Control", "no-cache",
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff"};

    private final StaticFiles page = StaticFiles.read(Map.of("index.html", "web/index.html"), HEADERS);
    private final StaticFiles assets = StaticFiles.read(Map.of(
            "app.js", "web/app.js",
            "app.css", "web/app.css",
            "favicon.svg", "web/favicon.svg"), HEADERS);

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, "/", request -> page.answer("index.html"))
                .inline(HttpMethod.GET, "/assets/{file}", request -> assets.answer(request.pathParam("file")));
    }
}
