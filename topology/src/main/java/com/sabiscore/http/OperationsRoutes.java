package com.sabiscore.http;

import com.sabiscore.cache.RedisConnection;
import com.sabiscore.metrics.SabiScoreMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** {@code /health}, {@code /ready} and {@code /metrics}: for load balancers, orchestrators and Prometheus. */
final class OperationsRoutes {

    private final StreamBinding stream;
    private final Map<String, String> modelVersions;
    private final RedisConnection redis;
    private final SabiScoreMetrics metrics;

    /** @param modelVersions head → version of the loaded ONNX heads (the predictor loads them when built) */
    OperationsRoutes(StreamBinding stream, Map<String, String> modelVersions, RedisConnection redis,
                     SabiScoreMetrics metrics) {
        this.stream = stream;
        this.modelVersions = Map.copyOf(modelVersions);
        this.redis = redis;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "alive")));
        routes.get("/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }

    private void ready(Context ctx) {
        String state = stream.streams().map(s -> s.state().name()).orElse("NOT_STARTED");
        boolean ready = KafkaStreams.State.RUNNING.name().equals(state) && !modelVersions.isEmpty();
        ctx.status(ready ? 200 : 503).json(new ReadyReport(ready, state, modelVersions, redis.isUp() ? "up" : "down"));
    }
}
