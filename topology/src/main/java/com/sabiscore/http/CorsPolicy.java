package com.sabiscore.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Cross-origin access to the API ({@code /api/...} and the API document) for the web pages of the
 * configured origins ({@code http.cors.allowed.origins}); the app's own page is same-origin and
 * needs none. A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an
 * allowed origin is answered 204 with the path's methods and the request headers the API reads;
 * an answer to an allowed origin names it in {@code Access-Control-Allow-Origin}. A request
 * from any other origin gets no CORS header at all (a preflight from one is answered 403), so
 * the browser keeps its page from reading the answer. Every API answer says
 * {@code Vary: Origin}, since its headers depend on it. Credentials (cookies, HTTP
 * authentication) are allowed only when {@code http.cors.allow.credentials} says so.
 */
public final class CorsPolicy implements RouteTable.Filter {

    /** The request headers a page may send: the API reads no others. */
    static final String ALLOWED_HEADERS = "Content-Type, Last-Event-ID";
    /** Headers of API answers a page may read beyond the simple ones. */
    private static final String EXPOSED_HEADERS = "Retry-After, Allow";
    /** How long a browser may reuse a preflight's answer. */
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;
    private final boolean allowCredentials;
    private final RouteTable routes;

    public CorsPolicy(List<String> allowedOrigins, boolean allowCredentials, RouteTable routes) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.allowCredentials = allowCredentials;
        this.routes = routes;
    }

    /** Puts the policy in front of the routes; without allowed origins there is nothing to add to any answer. */
    public void register() {
        if (!allowedOrigins.isEmpty()) {
            routes.filter(this);
        }
    }

    @Override
    public CompletionStage<Answer> answer(Request request, RouteTable.Handler route) {
        if (!isApi(request.path())) {
            return route.answer(request);
        }
        String origin = request.header("Origin");
        boolean allowed = origin != null && allowedOrigins.contains(origin);
        if (HttpMethod.OPTIONS.equals(request.method()) && request.header("Access-Control-Request-Method") != null) {
            return CompletableFuture.completedFuture(preflight(request, origin, allowed));
        }
        return route.answer(request)
                .handle((answer, failure) -> answer != null ? answer : RouteTable.failure(failure, request))
                .thenApply(answer -> withHeaders(answer, allowed ? allowOrigin(origin) : List.of("Vary", "Origin")));
    }

    private Answer preflight(Request request, String origin, boolean allowed) {
        List<HttpMethod> methods = routes.methodsAt(request.path());
        if (!allowed) {
            return Answer.error(403, "cross-origin requests from " + (origin == null ? "no origin" : "origin '"
                    + PlainText.excerpt(origin) + "'") + " are not allowed", "Vary", "Origin");
        }
        if (methods.isEmpty()) {
            return withHeaders(Answer.error(404, "no such route: " + request.path()), allowOrigin(origin));
        }
        String requestedMethod = request.header("Access-Control-Request-Method").strip();
        if (methods.stream().noneMatch(method -> method.name().equals(requestedMethod))) {
            return withHeaders(Answer.error(405, PlainText.excerpt(requestedMethod) + " is not allowed on " + request.path()
                    + ": use " + names(methods)), allowOrigin(origin));
        }
        String requestedHeaders = request.header("Access-Control-Request-Headers");
        if (requestedHeaders != null && !allowedHeaders(requestedHeaders)) {
            return withHeaders(Answer.error(403, "request headers '" + PlainText.excerpt(requestedHeaders)
                    + "' are not allowed: the API reads " + ALLOWED_HEADERS), allowOrigin(origin));
        }
        List<String> headers = new ArrayList<>(allowOrigin(origin));
        headers.addAll(List.of("Access-Control-Allow-Methods", names(methods),
                "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS));
        return new Answer(204, Answer.BodyType.JSON, new byte[0], headers.toArray(String[]::new));
    }

    private List<String> allowOrigin(String origin) {
        List<String> headers = new ArrayList<>(List.of("Access-Control-Allow-Origin", origin, "Vary", "Origin",
                "Access-Control-Expose-Headers", EXPOSED_HEADERS));
        if (allowCredentials) {
            headers.addAll(List.of("Access-Control-Allow-Credentials", "true"));
        }
        return headers;
    }

    private static boolean allowedHeaders(String requested) {
        Set<String> allowed = Arrays.stream(ALLOWED_HEADERS.split(","))
                .map(header -> header.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return Arrays.stream(requested.split(","))
                .map(header -> header.strip().toLowerCase(Locale.ROOT))
                .allMatch(header -> header.isEmpty() || allowed.contains(header));
    }

    private static String names(List<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).distinct().collect(Collectors.joining(", "));
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals(OpenApiRoutes.DOCUMENT_PATH);
    }

    private static Answer withHeaders(Answer answer, List<String> extra) {
        String[] headers = Arrays.copyOf(answer.headers(), answer.headers().length + extra.size());
        for (int i = 0; i < extra.size(); i++) {
            headers[answer.headers().length + i] = extra.get(i);
        }
        return new Answer(answer.status(), answer.type(), answer.body(), headers);
    }
}
