package com.sabiscore.http;

import com.sabiscore.cache.HotKeyMirror;
import com.sabiscore.cache.HotKeyTracker;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.cache.RedisConnection;
import com.sabiscore.cache.RedisEndpoint;
import com.sabiscore.config.AppConfig;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.query.HostLocator;
import com.sabiscore.query.InstanceClient;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.UnavailableException;
import com.sabiscore.scoring.FixtureScorer;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the app (Javalin 7 on Jetty 12): the public prediction API, the seed's predict
 * contract with its Redis read-through cache, the internal routes instances forward queries over,
 * and health, readiness and metrics. Also owns the Redis side: the cache connection and the
 * hot-key mirror.
 *
 * <p>Two steps, because the stream's {@code application.server} is this server's bound port:
 * <pre>{@code
 * PredictionHttpServer http = PredictionHttpServer.start(config, predictor, metrics);
 * AppConfig bound = config.withHttpPort(http.port());
 * KafkaStreams streams = new KafkaStreams(topology, bound.streamsProperties());
 * http.attach(streams, bound);   // queries, hot-key mirror, Kafka Streams metrics
 * streams.start();
 * ...
 * http.close();                  // before streams.close()
 * }</pre>
 * Until {@link #attach} the queries answer 503 and {@code /ready} is not ready.
 *
 * <p>Bad input never gets a 5xx: validation failures are 400/413/422 with {@code {"error": ...}}
 * naming the field. Jetty's connectors set TCP_NODELAY on accepted sockets by default, so small
 * answers are not held back by Nagle's algorithm (a test checks it).
 */
public final class PredictionHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionHttpServer.class);
    /** Longest a Redis connection attempt or cache command may take before it counts as failed. */
    private static final Duration REDIS_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** Longest a pipelined batch of mirror writes may take: it runs in the background, so it may wait longer. */
    private static final Duration MIRROR_WRITE_TIMEOUT = Duration.ofSeconds(5);
    /** Longest a cache read may delay an answer: after this a read is a miss and the answer is computed. */
    private static final Duration CACHE_READ_TIMEOUT = Duration.ofMillis(50);
    /** Longest a query forwarded to another instance may take. */
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(2);
    /** Fixtures whose answer JSON is kept for reuse: a few seasons of every league, ~1 KB each. */
    private static final int ENCODED_PREDICTIONS_KEPT = 20_000;
    /**
     * Request threads. Jetty's default (up to 250) let every one of 64 load-test connections have
     * its own thread on a 2-core machine: they queued on Kafka Streams' store and metadata locks and
     * spent the CPU switching. A few per core keep the cores busy (a request blocks only briefly,
     * on a Redis read or a forward to another instance).
     */
    private static final int HTTP_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** How long a key's placement (which instance hosts it) is reused while the stream stays RUNNING. */
    private static final Duration PLACEMENT_MAX_AGE = Duration.ofSeconds(1);
    /** Longest a query keeps trying while a rebalance has left no copy of its key open. */
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(5);

    private final AppConfig config;
    private final SabiScoreMetrics metrics;
    private final RedisEndpoint redisEndpoint;
    private final RedisClient redisClient;
    private final RedisConnection cacheConnection;
    private final HotKeyTracker tracker;
    private final StreamBinding stream;
    private final Javalin app;
    private RedisConnection mirrorConnection;
    private HotKeyMirror mirror;

    private PredictionHttpServer(AppConfig config, FixturePredictor predictor, SabiScoreMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.redisEndpoint = new RedisEndpoint(config.redisUri(), config.redisPassword(), config.redisTls(),
                REDIS_COMMAND_TIMEOUT);
        this.redisClient = redisEndpoint.newClient();
        this.cacheConnection = new RedisConnection(redisClient, redisEndpoint.redisUri(), "cache", false,
                REDIS_COMMAND_TIMEOUT, metrics);
        this.tracker = new HotKeyTracker(config.hotKeyThreshold(), Duration.ofSeconds(config.hotKeyWindowSeconds()),
                System::nanoTime);
        this.stream = new StreamBinding(tracker);
        PredictionCache cache = new PredictionCache(cacheConnection, Duration.ofSeconds(config.cacheTtlSeconds()),
                CACHE_READ_TIMEOUT, metrics);
        ReadThroughPredictor readThrough = new ReadThroughPredictor(cache, predictor, stream, metrics);
        BodyReader bodies = new BodyReader(config.maxRequestBodyBytes());
        PredictionRoutes api = new PredictionRoutes(stream, readThrough, bodies, config.maxBatchSize(),
                new PredictionAnswers(ENCODED_PREDICTIONS_KEPT));
        InternalStoreRoutes internal = new InternalStoreRoutes(stream);
        OperationsRoutes operations = new OperationsRoutes(stream, modelVersions(predictor), cacheConnection, metrics);
        this.app = Javalin.create(javalin -> {
            configure(javalin);
            api.register(javalin.routes);
            internal.register(javalin.routes);
            operations.register(javalin.routes);
        });
    }

    /** Binds {@code config.httpHost():config.httpPort()} (port 0 picks a free one) and serves. */
    public static PredictionHttpServer start(AppConfig config, FixturePredictor predictor, SabiScoreMetrics metrics) {
        PredictionHttpServer server = new PredictionHttpServer(config, predictor, metrics);
        server.app.start(config.httpHost(), config.httpPort());
        LOG.info("HTTP API listening on {}:{}", config.httpHost(), server.port());
        return server;
    }

    private static Map<String, String> modelVersions(FixturePredictor predictor) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
            versions.put(head.wireName(), predictor.scorer().modelVersion(head));
        }
        return versions;
    }

    private void configure(JavalinConfig javalin) {
        javalin.startup.showJavalinBanner = false;
        QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, Math.min(HTTP_THREADS, 4));
        threads.setName("http");
        javalin.jetty.threadPool = threads;
        javalin.jsonMapper(new JavalinJackson(JsonFormat.mapper(), false));
        javalin.http.maxRequestSize = config.maxRequestBodyBytes();
        javalin.routes.exception(RequestRejected.class, (e, ctx) -> ctx.status(e.status()).json(new ErrorBody(e.getMessage())));
        javalin.routes.exception(NotFoundException.class, (e, ctx) -> ctx.status(404).json(new ErrorBody(e.getMessage())));
        javalin.routes.exception(UnavailableException.class, (e, ctx) ->
                ctx.status(503).header("Retry-After", "1").json(new ErrorBody(e.getMessage())));
        javalin.routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new ErrorBody(e.getMessage())));
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorBody("internal error: " + e.getClass().getSimpleName()));
        });
        javalin.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ErrorBody("no such route: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    /** The port the server is bound to. */
    public int port() {
        return app.port();
    }

    /**
     * Connects the server to the stream: queries, the hot-key mirror and the Kafka Streams client
     * metrics start.
     *
     * @param bound the configuration the stream runs with: its {@code application.server} must be
     *              this server ({@code advertised.host} and {@link #port()}), its bootstrap servers set
     */
    public synchronized void attach(KafkaStreams streams, AppConfig bound) {
        if (mirror != null) {
            throw new IllegalStateException("a stream is attached already");
        }
        HostInfo self = HostInfo.buildFromEndpoint(bound.applicationServer());
        HostLocator locator = new HostLocator(streams, self, new CompetitionPartitioner(), PLACEMENT_MAX_AGE, System::nanoTime);
        PredictionQueryService queries = new PredictionQueryService(streams, locator, new InstanceClient(FORWARD_TIMEOUT),
                REBALANCE_WAIT);
        mirrorConnection = new RedisConnection(redisClient, redisEndpoint.redisUri(), "mirror", true,
                MIRROR_WRITE_TIMEOUT, metrics);
        mirror = new HotKeyMirror(bound, mirrorConnection, tracker, MIRROR_WRITE_TIMEOUT, metrics);
        mirror.start();
        metrics.bindKafkaStreams(streams);
        stream.attach(streams, queries, mirror);
    }

    /** Stops serving, then the mirror (after a last write of its backlog), then Redis. */
    @Override
    public synchronized void close() {
        app.stop();
        if (mirror != null) {
            mirror.close();
            mirrorConnection.close();
        }
        cacheConnection.close();
        redisClient.shutdown();
    }
}
