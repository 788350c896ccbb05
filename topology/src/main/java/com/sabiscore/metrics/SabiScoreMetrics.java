package com.sabiscore.metrics;

import com.sabiscore.backtest.ForecastMetrics;
import com.sabiscore.events.Prediction;
import com.sabiscore.serving.Lineup;
import com.sabiscore.serving.ModelRefusedException;
import com.sabiscore.serving.ModelRole;
import com.sabiscore.serving.ModelScoreboard;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.streams.PipelineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every metric SabiScore exposes on {@code GET /metrics}, in one Prometheus registry: prediction
 * requests and their latency (the classic predict API's names and buckets), ONNX scoring time, predictions
 * emitted and dead letters (the topology reports them to this as its {@link PipelineObserver}),
 * Redis failures and hot-key mirror lag, the models serving and their running scores, Kafka Streams
 * client metrics and the JVM. The in-memory caches publish their own statistics to its
 * {@link #registry()}, as {@code cache_*} with a {@code cache} label. One instance per app; thread-safe.
 */
public final class SabiScoreMetrics implements PipelineObserver, AutoCloseable {

    /** How a prediction request ended, the {@code result} label of {@code prediction_requests_total}. */
    public enum RequestResult {
        CACHE_HIT, CACHE_MISS, ERROR;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The classic predict API's latency buckets, in seconds. */
    private static final double[] LATENCY_BUCKETS_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1.0};
    /**
     * Every route's latency buckets, in seconds: fine below the 100 ms objective, which is a bucket
     * bound of its own so "answered within 100 ms" is exact.
     */
    private static final double[] HTTP_BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
    /** The {@code route} label of a request no route matched. */
    public static final String UNMATCHED_ROUTE = "unmatched";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final List<KafkaStreamsMetrics> streamsMetrics = new ArrayList<>();
    private final Timer predictionLatency;
    private final Timer predictionLatencyPercentiles;
    private final Timer scoring;
    private final Counter predictionsEmitted;
    /** Registered once: looking a counter up by name and tags on every request costs more than counting. */
    private final Map<RequestResult, Counter> requestCounters = new EnumMap<>(RequestResult.class);
    private final Counter nearCacheHits;
    private final AtomicLong mirrorLagMillis = new AtomicLong();
    private final AtomicLong mirrorPendingKeys = new AtomicLong();
    /** Guarded by this: the info gauges of the lineup serving, removed when it changes. */
    private final List<Meter> modelInfo = new ArrayList<>();

    public SabiScoreMetrics() {
        predictionLatency = Timer.builder("prediction.latency")
                .description("Time to answer a prediction request")
                .serviceLevelObjectives(durations(LATENCY_BUCKETS_SECONDS))
                .register(registry);
        // the Prometheus registry drops client-side percentiles from a timer with buckets, so the
        // percentiles live in a summary of their own
        predictionLatencyPercentiles = Timer.builder("prediction.latency.summary")
                .description("Time to answer a prediction request, client-side percentiles")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        scoring = Timer.builder("onnx.scoring")
                .description("Time of one ONNX scoring call (one fixture or one batch)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        predictionsEmitted = Counter.builder("predictions.emitted")
                .description("Predictions written to the predictions topic")
                .register(registry);
        for (RequestResult result : RequestResult.values()) {
            requestCounters.put(result, requestCounter(result));
        }
        nearCacheHits = Counter.builder("redis.near.cache.hits")
                .description("Cache reads answered by the near cache in this JVM, without a Redis round trip")
                .register(registry);
        Gauge.builder("redis.mirror.lag", mirrorLagMillis, lag -> lag.get() / 1000.0)
                .description("Age of the oldest prediction waiting to be mirrored to Redis (0 when none)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("redis.mirror.pending", mirrorPendingKeys, AtomicLong::get)
                .description("Fixtures whose latest prediction is not yet in Redis")
                .register(registry);
        bindJvm();
    }

    private static Duration[] durations(double[] seconds) {
        Duration[] buckets = new Duration[seconds.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return buckets;
    }

    private void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
    }

    private Counter requestCounter(RequestResult result) {
        return Counter.builder("prediction.requests")
                .description("Prediction requests by how they were answered")
                .tag("result", result.label())
                .register(registry);
    }

    /** The registry, for binders of other components (e.g. a Kafka consumer's client metrics). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts prediction requests (a batch counts each fixture) by how they were answered. */
    public void predictionsAnswered(RequestResult result, int count) {
        if (count > 0) {
            requestCounters.get(result).increment(count);
        }
    }

    /** Records how long one prediction request (single or batch) took to answer. */
    public void predictionLatency(long nanos) {
        predictionLatency.record(nanos, TimeUnit.NANOSECONDS);
        predictionLatencyPercentiles.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The timers of the answers to {@code method} requests on {@code route} (a path template, or
     * {@link #UNMATCHED_ROUTE}): {@code http.server.requests} by method, route and status.
     */
    public HttpRouteTimers httpRouteTimers(String method, String route) {
        return new HttpRouteTimers(status -> Timer.builder("http.server.requests")
                .description("HTTP requests that reached the routes, from arriving whole to their answer being ready")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(durations(HTTP_BUCKETS_SECONDS))
                .register(registry));
    }

    /** A Redis command failed or timed out; {@code operation} is e.g. {@code cache_get}. */
    public void redisFailure(String operation) {
        Counter.builder("redis.failures")
                .description("Redis commands that failed or timed out")
                .tag("operation", operation)
                .register(registry)
                .increment();
    }

    /** A cache read was answered by the near cache (also counted as a cache hit when it served a request). */
    public void nearCacheHit() {
        nearCacheHits.increment();
    }

    /** Publishes the near cache's size and the invalidations Redis sent it. */
    public void bindNearCache(IntSupplier entries, LongSupplier invalidations) {
        Gauge.builder("redis.near.cache.entries", entries::getAsInt)
                .description("Cache entries kept in this JVM, coherent with Redis through client tracking")
                .register(registry);
        FunctionCounter.builder("redis.near.cache.invalidations", invalidations, LongSupplier::getAsLong)
                .description("Invalidation messages Redis pushed to the near cache")
                .register(registry);
    }

    /** Mirror writes by outcome: {@code written}, or {@code kept_newer} when Redis held a newer version. */
    public void mirrorWrites(String outcome, int count) {
        Counter.builder("redis.mirror.writes")
                .description("Versioned prediction writes to Redis by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment(count);
    }

    /** The mirror's backlog: how long its oldest unwritten prediction has waited, and how many wait. */
    public void mirrorBacklog(long oldestWaitMillis, int pendingKeys) {
        mirrorLagMillis.set(oldestWaitMillis);
        mirrorPendingKeys.set(pendingKeys);
    }

    /**
     * Publishes what {@code models} serves and how each model scores: {@code sabiscore_model_info{role, version}}
     * for the lineup serving (replaced at each switch), {@code sabiscore_model_refused_total{reason}} for releases
     * refused, and per model version and role its running {@code sabiscore_model_log_loss}, {@code _rps},
     * {@code _brier} and the count of results they average, {@code sabiscore_model_results}.
     */
    public void bindModels(ServingModels models) {
        showLineup(models.lineup());
        models.listen(new ServingModels.Listener() {
            @Override
            public void lineupChanged(Lineup lineup) {
                showLineup(lineup);
            }

            @Override
            public void refused(ModelRefusedException refusal) {
                modelRefused(refusal.reason().wireName());
            }
        });
        ModelScoreboard scoreboard = models.scoreboard();
        scoreboard.onNewKey(key -> {
            scoreGauge(scoreboard, key, "sabiscore.model.log.loss", "Running log-loss of the model's forecasts against the results",
                    ForecastMetrics.Summary::logLoss);
            scoreGauge(scoreboard, key, "sabiscore.model.rps", "Running ranked probability score of the model's forecasts",
                    ForecastMetrics.Summary::rps);
            scoreGauge(scoreboard, key, "sabiscore.model.brier", "Running Brier score (three outcomes) of the model's forecasts",
                    ForecastMetrics.Summary::brier);
            scoreGauge(scoreboard, key, "sabiscore.model.results", "Results the model's running scores average over",
                    summary -> (double) summary.matches());
        });
    }

    private synchronized void showLineup(Lineup lineup) {
        modelInfo.forEach(registry::remove);
        modelInfo.clear();
        for (ServedModel model : lineup.models()) {
            ModelRole role = model == lineup.champion() ? ModelRole.CHAMPION : ModelRole.CHALLENGER;
            modelInfo.add(Gauge.builder("sabiscore.model.info", () -> 1)
                    .description("The models serving, by role and version")
                    .tag("role", role.wireName())
                    .tag("version", model.version())
                    .register(registry));
        }
    }

    private void scoreGauge(ModelScoreboard scoreboard, ModelScoreboard.Key key, String name, String description,
                            ToDoubleFunction<ForecastMetrics.Summary> value) {
        Gauge.builder(name, () -> scoreboard.summary(key.modelVersion(), key.role()).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag("model_version", key.modelVersion())
                .tag("role", key.role().wireName())
                .register(registry);
    }

    /** A published model, or a record of the models topic, was refused; {@code reason} is e.g. {@code corrupt}. */
    public void modelRefused(String reason) {
        Counter.builder("sabiscore.model.refused")
                .description("Published models refused (they did not fit, the models serving kept serving), by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Binds the Kafka Streams client metrics of {@code streams}; unbound on {@link #close()}. */
    public void bindKafkaStreams(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        streamsMetrics.add(binder);
    }

    @Override
    public void predictionEmitted(Prediction prediction) {
        predictionsEmitted.increment();
    }

    /** Counted by source topic only: the reason is free text, far too many values for a label. */
    @Override
    public void deadLetter(String sourceTopic, String reason) {
        Counter.builder("dead.letters")
                .description("Records sent to the dead-letter topic, by the topic they came from")
                .tag("topic", sourceTopic)
                .register(registry)
                .increment();
    }

    @Override
    public void scored(long nanos) {
        scoring.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        streamsMetrics.forEach(KafkaStreamsMetrics::close);
        gcMetrics.close();
        registry.close();
    }
}
