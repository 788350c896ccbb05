package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which route answers a path, whatever order the routes were registered in. */
class RouteTableTest {

    private static String answer(RouteTable routes, String path) {
        Request request = new Request(HttpMethod.GET, path, new DefaultHttpHeaders(), new byte[0], null);
        return new String(routes.answer(request).toCompletableFuture().join().body(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldPreferALiteralSegmentOverAParameterRegisteredBeforeIt() {
        RouteTable routes = new RouteTable(Runnable::run, new SabiScoreMetrics())
                .inline(HttpMethod.GET, "/api/v1/predictions/{fixtureId}", request -> Answer.json(Map.of("route", "one")))
                .inline(HttpMethod.GET, "/api/v1/predictions/stream", request -> Answer.json(Map.of("route", "stream")));

        assertThat(answer(routes, "/api/v1/predictions/stream")).contains("stream");
        assertThat(answer(routes, "/api/v1/predictions/E0:2023-10-21:Arsenal:Chelsea")).contains("one");
        assertThat(routes.listed()).extracting(RouteTable.Listed::path)
                .containsExactly("/api/v1/predictions/stream", "/api/v1/predictions/{fixtureId}");
    }
}
