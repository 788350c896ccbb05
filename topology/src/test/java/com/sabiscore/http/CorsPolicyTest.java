package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-origin access as a browser sees it: the preflight and the CORS headers of answers, for
 * an allowed origin, another origin, and a server configured with none.
 */
class CorsPolicyTest {

    private static final String ALLOWED = "https://fans.example";

    private static RouteTable routes(List<String> origins, boolean credentials) {
        RouteTable routes = new RouteTable(Runnable::run, new SabiScoreMetrics())
                .inline(HttpMethod.GET, "/api/v1/predictions/{fixtureId}", request -> Answer.json(Map.of("fixture", "ok")))
                .inline(HttpMethod.POST, "/api/v1/predict", request -> Answer.json(Map.of("predicted", true)))
                .inline(HttpMethod.GET, "/health", request -> Answer.json(Map.of("status", "alive")));
        new CorsPolicy(origins, credentials, routes).register();
        return routes;
    }

    private static Answer ask(RouteTable routes, HttpMethod method, String path, String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return routes.answer(new Request(method, path, headers, new byte[0], null)).toCompletableFuture().join();
    }

    private static Map<String, String> headers(Answer answer) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < answer.headers().length; i += 2) {
            headers.put(answer.headers()[i], answer.headers()[i + 1]);
        }
        return headers;
    }

    @Test
    void shouldAnswerAPreflightFromAnAllowedOriginWithThePathsMethodsAndHeaders() {
        Answer preflight = ask(routes(List.of(ALLOWED), false), HttpMethod.OPTIONS, "/api/v1/predict",
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(headers(preflight))
                .containsEntry("Access-Control-Allow-Origin", ALLOWED)
                .containsEntry("Access-Control-Allow-Methods", "POST")
                .containsEntry("Access-Control-Allow-Headers", CorsPolicy.ALLOWED_HEADERS)
                .containsEntry("Vary", "Origin")
                .containsKey("Access-Control-Max-Age")
                .doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void shouldGiveAnotherOriginNoCorsHeaders() {
        RouteTable routes = routes(List.of(ALLOWED), false);

        Answer preflight = ask(routes, HttpMethod.OPTIONS, "/api/v1/predict",
                "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST");
        Answer get = ask(routes, HttpMethod.GET, "/api/v1/predictions/E0:2023-10-21:Arsenal:Chelsea",
                "Origin", "https://elsewhere.example");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(get.status()).isEqualTo(200);
        for (Answer answer : List.of(preflight, get)) {
            assertThat(headers(answer).keySet()).noneMatch(name -> name.startsWith("Access-Control-"));
            assertThat(headers(answer)).containsEntry("Vary", "Origin");
        }
    }

    @Test
    void shouldNameTheAllowedOriginOnItsAnswersAndErrors() {
        RouteTable routes = routes(List.of("http://localhost:3000", ALLOWED), false);

        Answer found = ask(routes, HttpMethod.GET, "/api/v1/predictions/E0:2023-10-21:Arsenal:Chelsea", "Origin", ALLOWED);
        Answer missing = ask(routes, HttpMethod.GET, "/api/v1/nothing-here", "Origin", ALLOWED);

        assertThat(found.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(404);
        for (Answer answer : List.of(found, missing)) {
            assertThat(headers(answer)).containsEntry("Access-Control-Allow-Origin", ALLOWED).containsEntry("Vary", "Origin");
        }
    }

    @Test
    void shouldRefuseAPreflightForAMethodOrHeaderTheApiDoesNotTake() {
        RouteTable routes = routes(List.of(ALLOWED), false);

        Answer wrongMethod = ask(routes, HttpMethod.OPTIONS, "/api/v1/predict",
                "Origin", ALLOWED, "Access-Control-Request-Method", "DELETE");
        Answer wrongHeader = ask(routes, HttpMethod.OPTIONS, "/api/v1/predict",
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Secret");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(headers(wrongMethod)).doesNotContainKey("Access-Control-Allow-Methods");
        assertThat(headers(wrongHeader)).doesNotContainKey("Access-Control-Allow-Headers");
    }

    @Test
    void shouldAllowCredentialsOnlyWhenConfigured() {
        Answer answer = ask(routes(List.of(ALLOWED), true), HttpMethod.GET, "/api/v1/predictions/E0:2023-10-21:Arsenal:Chelsea",
                "Origin", ALLOWED);

        assertThat(headers(answer)).containsEntry("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void shouldLeaveNonApiRoutesAndAServerWithoutOriginsAlone() {
        Answer health = ask(routes(List.of(ALLOWED), false), HttpMethod.GET, "/health", "Origin", ALLOWED);
        Answer preflightWithoutOrigins = ask(routes(List.of(), false), HttpMethod.OPTIONS, "/api/v1/predict",
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST");

        assertThat(health.headers()).isEmpty();
        assertThat(preflightWithoutOrigins.status()).isEqualTo(405);
        assertThat(headers(preflightWithoutOrigins).keySet()).noneMatch(name -> name.startsWith("Access-Control-"));
    }
}
