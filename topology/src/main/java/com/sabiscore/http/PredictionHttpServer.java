package com.sabiscore.http;

import com.sabiscore.cache.ConsolidatedFlushes;
import com.sabiscore.cache.HotKeyMirror;
import com.sabiscore.cache.HotKeyTracker;
import com.sabiscore.cache.NearCache;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.cache.RedisConnection;
import com.sabiscore.cache.RedisEndpoint;
import com.sabiscore.config.AppConfig;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.progress.PipelineProgress;
import com.sabiscore.streams.PipelineObserver;
import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.query.ActiveCopies;
import com.sabiscore.query.HostLocator;
import com.sabiscore.query.InstanceClient;
import com.sabiscore.query.KeptTeamStates;
import com.sabiscore.query.MatchHistory;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.cache.SharedEventLoops;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the app (Netty 4.2, HTTP/1.1): the public prediction API, the classic predict
 * contract with its Redis read-through cache, the internal routes instances forward queries over,
 * health, readiness and metrics, the web page with its live prediction events, and the API's own
 * OpenAPI document and Swagger UI (CORS for other origins when configured). Also owns the Redis
 * side: the cache connection and the hot-key mirror.
 *
 * <p>Two steps, because the stream's {@code application.server} is this server's bound port:
 * <pre>{@code
 * PredictionHttpServer http = PredictionHttpServer.start(config, predictor, metrics, progress);
 * AppConfig bound = config.withHttpPort(http.port());
 * Topology topology = PredictionTopology.build(bound, predictor, http.pipelineObserver());
 * KafkaStreams streams = new KafkaStreams(topology, bound.streamsProperties());
 * http.attach(streams, bound);   // queries, hot-key mirror, Kafka Streams metrics
 * streams.start();
 * ...
 * http.close();                  // before streams.close()
 * }</pre>
 * Until {@link #attach} the queries answer 503 and {@code /ready} is not ready.
 *
 * <p>Threads: one event loop per core (epoll where the native transport loads, NIO elsewhere)
 * reads requests and answers whatever cannot block on the spot: a prediction held by this
 * instance, a cached predict answer (when Redis answers, without a thread waiting), health,
 * readiness, metrics and the internal value route. Whatever may block runs on a small bounded
 * worker pool ({@code http.worker.threads}, {@code http.worker.queue}); when its queue is full a
 * request is answered 503 with {@code Retry-After} instead of queueing without bound.
 *
 * <p>Bad input never gets a 5xx: validation failures are 400/413/422 with {@code {"error": ...}}
 * naming the field; an overlong request line is 414, oversized headers 431, and a request that
 * has not arrived whole within {@code http.read.timeout.ms} 408. Accepted sockets have TCP_NODELAY, so small answers are not held back by
 * Nagle's algorithm (a test checks it).
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
    /** Every club of every competition several times over. */
    private static final int TEAM_STATES_KEPT = 5_000;
    /** How long a key's placement (which instance hosts it) is reused while the stream stays RUNNING. */
    private static final Duration PLACEMENT_MAX_AGE = Duration.ofSeconds(1);
    /** Longest a query keeps trying while a rebalance has left no copy of its key open. */
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(5);
    private final AppConfig config;
    private final SabiScoreMetrics metrics;
    private final RedisEndpoint redisEndpoint;
    /** The event loops of HTTP connections and of the Redis connections alike. */
    private final EventLoopGroup eventLoops = HttpListener.newEventLoops();
    private final ClientResources redisResources;
    private final RedisClient redisClient;
    private final RedisConnection cacheConnection;
    private final HotKeyTracker tracker;
    private final StreamBinding stream;
    private final ThreadPoolExecutor workers;
    private final RouteTable routes;
    private final PredictionAnswers answers;
    private final KeptTeamStates keptStates;
    private final ActiveCopies activeCopies;
    private final PredictionEventStream events;
    private final MatchHistory history;
    private HttpListener listener;
    private RedisConnection mirrorConnection;
    private HotKeyMirror mirror;
    private boolean closed;

    private PredictionHttpServer(AppConfig config, FixturePredictor predictor, SabiScoreMetrics metrics, PipelineProgress progress) {
        this.config = config;
        this.metrics = metrics;
        this.redisEndpoint = new RedisEndpoint(config.redisUri(), config.redisPassword(), config.redisTls(),
                REDIS_COMMAND_TIMEOUT);
        // a cache read started on the loop that holds the Redis connection needs no other thread
        this.redisResources = ClientResources.builder()
                .eventLoopGroupProvider(new SharedEventLoops(eventLoops, HttpListener.eventLoopCount()))
                .nettyCustomizer(new ConsolidatedFlushes())
                .reconnectDelay(RedisEndpoint.reconnectDelay())
                .build();
        this.redisClient = redisEndpoint.newClient(redisResources);
        NearCache near = new NearCache(config.nearCacheMaxEntries(), PredictionCache.KEY_PREFIX);
        metrics.bindNearCache(near::size, near::invalidationsReceived);
        this.cacheConnection = new RedisConnection(redisClient, redisEndpoint.redisUri(), "cache", false,
                REDIS_COMMAND_TIMEOUT, metrics, near);
        this.tracker = new HotKeyTracker(config.hotKeyThreshold(), Duration.ofSeconds(config.hotKeyWindowSeconds()),
                System::nanoTime);
        this.stream = new StreamBinding(tracker);
        this.workers = workerPool(config.httpWorkerThreads(), config.httpWorkerQueue());
        PredictionCache cache = new PredictionCache(cacheConnection, near, Duration.ofSeconds(config.cacheTtlSeconds()),
                CACHE_READ_TIMEOUT, metrics);
        ReadThroughPredictor readThrough = new ReadThroughPredictor(cache, predictor, stream, metrics);
        this.routes = new RouteTable(workers);
        this.answers = new PredictionAnswers(ENCODED_PREDICTIONS_KEPT);
        this.keptStates = new KeptTeamStates(TEAM_STATES_KEPT);
        this.activeCopies = new ActiveCopies();
        new PredictionRoutes(stream, readThrough, config.maxBatchSize(), answers).register(routes);
        new InternalStoreRoutes(stream).register(routes);
        new OperationsRoutes(stream, modelVersions(predictor), cacheConnection, metrics, progress).register(routes);
        this.events = new PredictionEventStream(config.eventStreamClientBuffer());
        events.register(routes);
        this.history = new MatchHistory();
        new HistoryRoutes(stream, history).register(routes);
        new PageRoutes().register(routes);
        new OpenApiRoutes().register(routes);
        new CorsPolicy(config.corsAllowedOrigins(), config.corsAllowCredentials(), routes).register();
    }

    /** Binds {@code config.httpHost():config.httpPort()} (port 0 picks a free one) and serves. */
    public static PredictionHttpServer start(AppConfig config, FixturePredictor predictor, SabiScoreMetrics metrics,
                                             PipelineProgress progress) {
        PredictionHttpServer server = new PredictionHttpServer(config, predictor, metrics, progress);
        try {
            server.listener = HttpListener.open(config.httpHost(), config.httpPort(), server.routes,
                    new HttpListener.Limits(config.maxRequestBodyBytes(), Duration.ofMillis(config.httpReadTimeoutMs()),
                            HttpListener.IDLE_CONNECTION), server.eventLoops);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("HTTP API listening on {}:{} ({}, {} event loops, {} workers)", config.httpHost(), server.port(),
                HttpListener.transport(), HttpListener.eventLoopCount(), config.httpWorkerThreads());
        return server;
    }

    /** A fixed pool with a bounded queue: when both are full the work is rejected (answered 503), never queued without end. */
    private static ThreadPoolExecutor workerPool(int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), new DefaultThreadFactory("http-worker", true),
                new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads();
        return pool;
    }

    private static Map<String, String> modelVersions(FixturePredictor predictor) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
            versions.put(head.wireName(), predictor.scorer().modelVersion(head));
        }
        return versions;
    }

    /**
     * What the topology is to report to: the metrics, then what the server keeps from the stores
     * (answers and team state), which every write of the stream and every task moving must reach,
     * the active tasks' stores, which queries read directly, and what the web page follows: the
     * live prediction events and the match history.
     */
    public PipelineObserver pipelineObserver() {
        return metrics.andThen(answers).andThen(keptStates).andThen(activeCopies).andThen(events).andThen(history);
    }

    /** The port the server is bound to. */
    public int port() {
        return listener.port();
    }

    /** The routes, for a test that holds them against the API document. */
    RouteTable routes() {
        return routes;
    }

    /** Whether each open connection's socket has TCP_NODELAY set, as the kernel reports it. */
    List<Boolean> tcpNoDelayOfConnections() {
        return listener.tcpNoDelayOfConnections();
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
                REBALANCE_WAIT, keptStates, activeCopies);
        mirrorConnection = new RedisConnection(redisClient, redisEndpoint.redisUri(), "mirror", true,
                MIRROR_WRITE_TIMEOUT, metrics);
        mirror = new HotKeyMirror(bound, mirrorConnection, tracker, MIRROR_WRITE_TIMEOUT, metrics);
        mirror.start();
        metrics.bindKafkaStreams(streams);
        stream.attach(streams, queries, mirror);
    }

    /**
     * Stops serving (no new connections, open ones closed), then the mirror (after a last write of
     * its backlog), then Redis. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close();
        }
        workers.shutdownNow();
        if (mirror != null) {
            mirror.close();
            mirrorConnection.close();
        }
        cacheConnection.close();
        redisClient.shutdown();
        redisResources.shutdown().syncUninterruptibly();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
