package com.sabiscore.http;

import com.sabiscore.cache.RedisConnection;
import com.sabiscore.http.Answer.BodyType;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.progress.PipelineProgress;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health}, {@code /ready} and {@code /metrics}: for load balancers, orchestrators and
 * Prometheus. None blocks, so all are answered on the event loop.
 */
public final class OperationsRoutes {

    private static final Answer ALIVE = Answer.json(Map.of("status", "alive"));

    private final StreamBinding stream;
    private final Supplier<Map<String, String>> modelVersions;
    private final RedisConnection redis;
    private final SabiScoreMetrics metrics;
    private final PipelineProgress progress;

    /** @param modelVersions head → version of the champion's ONNX heads now */
    public OperationsRoutes(StreamBinding stream, Supplier<Map<String, String>> modelVersions, RedisConnection redis,
                     SabiScoreMetrics metrics, PipelineProgress progress) {
        this.stream = stream;
        this.modelVersions = modelVersions;
        this.redis = redis;
        this.metrics = metrics;
        this.progress = progress;
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, "/health", request -> ALIVE)
                .inline(HttpMethod.GET, "/ready", request -> ready())
                .inline(HttpMethod.GET, "/metrics", request ->
                        new Answer(200, BodyType.PROMETHEUS, metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    private Answer ready() {
        String state = stream.streams().map(s -> s.state().name()).orElse("NOT_STARTED");
        Map<String, String> models = modelVersions.get();
        boolean ready = KafkaStreams.State.RUNNING.name().equals(state) && !models.isEmpty();
        return Answer.json(ready ? 200 : 503, new ReadyReport(ready, state, models, redis.isUp() ? "up" : "down",
                progress.report()));
    }
}
