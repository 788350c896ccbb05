package com.sabiscore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRouteTimersTest {

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void shouldCountEachStatusOfARouteUnderItsOwnTagsAndShareThemWithAnotherHolderOfTheSameRoute() {
        // given two holders of the same route's timers (two tables, or a race on the first answer)
        HttpRouteTimers timers = metrics.httpRouteTimers("POST", "/api/v1/predict");
        HttpRouteTimers again = metrics.httpRouteTimers("POST", "/api/v1/predict");

        // when
        timers.record(200, TimeUnit.MILLISECONDS.toNanos(2));
        again.record(200, TimeUnit.MILLISECONDS.toNanos(150));
        timers.record(422, TimeUnit.MILLISECONDS.toNanos(1));
        timers.record(999, TimeUnit.MILLISECONDS.toNanos(1));

        // then
        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/predict\",status=\"200\"} 2")
                .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/predict\",status=\"200\",le=\"0.1\"} 1")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/predict\",status=\"422\"} 1")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/predict\",status=\"999\"} 1");
    }
}
