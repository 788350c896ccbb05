package com.sabiscore.app;

import com.sabiscore.betting.BetConfig;
import com.sabiscore.betting.BetSelector;
import com.sabiscore.betting.ConfidenceRater;
import com.sabiscore.betting.ReasoningWriter;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.cache.AppRedisClient;
import com.sabiscore.cache.HotKeyMirror;
import com.sabiscore.cache.HotKeyTracker;
import com.sabiscore.cache.NearCache;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.cache.RedisConnection;
import com.sabiscore.cache.RedisEndpoint;
import com.sabiscore.config.AppConfig;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.http.CorsPolicy;
import com.sabiscore.http.HistoryRoutes;
import com.sabiscore.http.HttpListener;
import com.sabiscore.http.InternalStoreRoutes;
import com.sabiscore.http.OpenApiRoutes;
import com.sabiscore.http.OperationsRoutes;
import com.sabiscore.http.PageRoutes;
import com.sabiscore.http.PredictionEventStream;
import com.sabiscore.http.PredictionAnswers;
import com.sabiscore.http.PredictionRoutes;
import com.sabiscore.http.ReadThroughPredictor;
import com.sabiscore.http.RouteTable;
import com.sabiscore.http.StreamBinding;
import com.sabiscore.http.ModelRoutes;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.modelfeed.ModelFeed;
import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.progress.PipelineProgress;
import com.sabiscore.progress.ReplayProgress;
import com.sabiscore.query.ActiveCopies;
import com.sabiscore.query.CompetitionRanges;
import com.sabiscore.query.ForwardingReads;
import com.sabiscore.query.HostLocator;
import com.sabiscore.query.InstanceClient;
import com.sabiscore.query.KeptTeamStates;
import com.sabiscore.query.LocalReads;
import com.sabiscore.query.LocalStores;
import com.sabiscore.query.MatchHistory;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.streams.PipelineObserver;
import com.sabiscore.streams.PredictionTopology;
import com.sabiscore.streams.TransactionErrorRecovery;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SabiScore instance, and the one place it is put together: the embedded broker when
 * no cluster is configured, the topics, the models (its own, then whatever the models topic names),
 * the Kafka Streams topology scoring with them, the Redis cache and hot-key mirror, the in-memory
 * caches, and the HTTP API over the stores. Every
 * other class gets what it needs through its constructor. Start more instances with the same
 * application id against one cluster to scale out.
 *
 * <p>{@link #start} builds in the order data flows: config, model, metrics, broker and topics, the
 * model feed, Redis, caches, then (see the start-up cycle in {@link #build}) the HTTP listener, the topology
 * and its streams, and the query service; {@link #close} stops in the reverse order of use.
 */
public final class SabiScoreApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SabiScoreApp.class);
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
    /** Fixtures whose last served prediction is remembered, to answer while no store copy is readable: a few seasons of every league. */
    private static final int LAST_SERVED_KEPT = 20_000;
    /** How long a key's placement (which instance hosts it) is reused while the stream stays RUNNING. */
    private static final Duration PLACEMENT_MAX_AGE = Duration.ofSeconds(1);
    /** Longest a query keeps trying while a rebalance has left no copy of its key open. */
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(5);
    /**
     * A requested stop must end within 10 s (service managers then kill): the whole close gets 9 s,
     * of which the HTTP drain takes at most 2 s and the stream, closing last, whatever is left.
     */
    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(9);
    /** Most of the close budget the mirror's last backlog write may take: the stream's commit matters more. */
    private static final Duration MIRROR_CLOSE = Duration.ofSeconds(2);
    /** Most of the close budget the Redis client, and then the event loops, may each take. */
    private static final Duration REDIS_CLOSE = Duration.ofSeconds(1);
    /** A model taken out of service stays open this long for calls that took it just before: a call takes milliseconds. */
    private static final Duration RETIRED_MODEL_GRACE = Duration.ofSeconds(30);
    /**
     * How long a start waits for the models topic to be read, so the stream starts with the published
     * champion; past it the instance starts with its own model and switches once the topic is read.
     */
    private static final Duration MODEL_FEED_START = Duration.ofSeconds(30);

    private final CountDownLatch running = new CountDownLatch(1);
    private volatile KafkaStreams.StateListener stateWatcher = (now, before) -> { };
    // built by build() in this order; each is null until built, so close() stops only what started
    private ServingModels models;
    private SabiScoreMetrics metrics;
    private EmbeddedKafkaBroker broker;
    private ModelFeed feed;
    private PipelineProgress progress;
    private EventLoopGroup eventLoops;
    private AppRedisClient redis;
    private RedisConnection cacheConnection;
    private ThreadPoolExecutor workers;
    private HttpListener listener;
    private AppConfig config;
    private KafkaStreams streams;
    private RedisConnection mirrorConnection;
    private HotKeyMirror mirror;
    private boolean closed;

    private SabiScoreApp() {
    }

    /**
     * Starts everything; the instance is serving once {@link #awaitRunning} returns true. The
     * instance's own ensemble loads first, so a missing or unreadable model is reported before
     * anything runs; the models topic is read before the stream starts; if
     * a later step fails, whatever had started is stopped again (a broker left running would keep
     * the JVM alive).
     */
    public static SabiScoreApp start(AppConfig requested) {
        return start(requested, new ReplayProgress());
    }

    /**
     * Starts everything, with {@code replay} reporting a history replay into this instance's
     * cluster (so {@code /ready} does not say "caught up" before a replay that is about to start).
     */
    public static SabiScoreApp start(AppConfig requested, ReplayProgress replay) {
        SabiScoreApp app = new SabiScoreApp();
        try {
            app.build(requested, replay);
            return app;
        } catch (RuntimeException | Error e) {
            try {
                app.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void build(AppConfig requested, ReplayProgress replay) {
        // the model: a missing or unreadable ensemble stops the start before anything runs; it serves until the models
        // topic names a published one
        models = new ServingModels(ServedModel.of(predictorFor(requested), modelSource(requested)), RETIRED_MODEL_GRACE);
        metrics = new SabiScoreMetrics();
        metrics.bindModels(models);

        // the broker (embedded unless a cluster is configured) and the app's topics
        broker = requested.embeddedBroker() ? EmbeddedKafkaBroker.start(requested) : null;
        AppConfig withKafka = broker == null ? requested : requested.withKafkaBootstrapServers(broker.bootstrapServers());
        try (Admin admin = Admin.create(withKafka.adminProperties())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin);
            provisioner.provision(withKafka);
            provisioner.provisionModelsTopic(withKafka);
        }
        // the published models: read before the stream starts, then followed
        feed = ModelFeed.start(withKafka, models, metrics);
        awaitModels(feed);
        progress = PipelineProgress.watch(withKafka, replay);

        // Redis, on the event loops HTTP connections use too: a cache read started on the loop that holds the
        // Redis connection needs no other thread
        eventLoops = HttpListener.newEventLoops();
        redis = new AppRedisClient(new RedisEndpoint(withKafka.redisUri(), withKafka.redisPassword(), withKafka.redisTls(),
                REDIS_COMMAND_TIMEOUT), eventLoops, HttpListener.eventLoopCount());
        NearCache near = new NearCache(withKafka.nearCacheMaxEntries(), PredictionCache.KEY_PREFIX, metrics.registry());
        metrics.bindNearCache(near::size, near::invalidationsReceived);
        cacheConnection = redis.connect("cache", false, REDIS_COMMAND_TIMEOUT, metrics, near);

        // the caches: the predict cache in Redis, and what is kept in memory from the stores (the topology reports
        // its writes and its tasks moving to the last three through its observer, below)
        PredictionCache predictCache = new PredictionCache(cacheConnection, near, Duration.ofSeconds(withKafka.cacheTtlSeconds()),
                CACHE_READ_TIMEOUT, metrics);
        PredictionAnswers answers = new PredictionAnswers(ENCODED_PREDICTIONS_KEPT, metrics.registry());
        KeptTeamStates keptStates = new KeptTeamStates(TEAM_STATES_KEPT, metrics.registry());
        ActiveCopies activeCopies = new ActiveCopies();
        HotKeyTracker tracker = new HotKeyTracker(withKafka.hotKeyThreshold(), Duration.ofSeconds(withKafka.hotKeyWindowSeconds()),
                System::nanoTime);

        // The start-up cycle: the stream's application.server must name the port the HTTP listener really bound
        // (http.port may be 0), so the listener is bound before the stream exists; but the routes answer from the
        // query service, which needs the stream. So the routes are built over a StreamBinding, which answers 503 (and
        // /ready "not ready") until the query service is attached to it below.
        StreamBinding stream = new StreamBinding(tracker);
        workers = RouteTable.workerPool(withKafka.httpWorkerThreads(), withKafka.httpWorkerQueue());
        RouteTable routes = new RouteTable(workers, metrics);
        ReadThroughPredictor readThrough = new ReadThroughPredictor(predictCache, models, stream, metrics);
        new PredictionRoutes(stream, readThrough, withKafka.maxBatchSize(), answers).register(routes);
        new InternalStoreRoutes(stream, withKafka.httpInternalSecret()).register(routes);
        new OperationsRoutes(stream, () -> modelVersions(models.champion()), cacheConnection, metrics, progress).register(routes);
        new ModelRoutes(models).register(routes);
        // the web page, its live prediction events and match history, the API's own document, and CORS for other origins
        PredictionEventStream events = new PredictionEventStream(withKafka.eventStreamClientBuffer());
        events.register(routes);
        MatchHistory history = new MatchHistory();
        new HistoryRoutes(stream, history).register(routes);
        new PageRoutes().register(routes);
        new OpenApiRoutes().register(routes);
        new CorsPolicy(withKafka.corsAllowedOrigins(), withKafka.corsAllowCredentials(), routes).register();
        listener = HttpListener.open(withKafka.httpHost(), withKafka.httpPort(), routes,
                new HttpListener.Limits(withKafka.maxRequestBodyBytes(), Duration.ofMillis(withKafka.httpReadTimeoutMs()),
                        HttpListener.IDLE_CONNECTION), eventLoops);
        LOG.info("HTTP API listening on {}:{} ({}, {} event loops, {} workers)", withKafka.httpHost(), listener.port(),
                HttpListener.transport(), HttpListener.eventLoopCount(), withKafka.httpWorkerThreads());

        // the topology and its streams, on the port bound; the observer gets every write and every task moving
        config = withKafka.withHttpPort(listener.port());
        PipelineObserver observer = metrics.andThen(answers).andThen(keptStates).andThen(activeCopies).andThen(events).andThen(history);
        streams = new KafkaStreams(PredictionTopology.build(config, models, observer), config.streamsProperties());
        streams.setUncaughtExceptionHandler(new TransactionErrorRecovery(System::nanoTime));
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            stateWatcher.onChange(now, before);
        });

        // the query service over the streams (this instance's own copies, the instances hosting other keys, and
        // ranges gathered from all), and the hot-key mirror; attaching them ends the 503s
        HostInfo self = HostInfo.buildFromEndpoint(config.applicationServer());
        HostLocator locator = new HostLocator(streams, self, new CompetitionPartitioner(), PLACEMENT_MAX_AGE, System::nanoTime,
                metrics.registry());
        LocalReads local = new LocalReads(streams::state, locator, new LocalStores(streams, activeCopies), keptStates,
                LAST_SERVED_KEPT, metrics.registry());
        InstanceClient instances = new InstanceClient(FORWARD_TIMEOUT, config.httpInternalSecret());
        PredictionQueryService queries = new PredictionQueryService(local,
                new ForwardingReads(streams::state, locator, local, instances, REBALANCE_WAIT),
                new CompetitionRanges(locator, local, instances));
        mirrorConnection = redis.connect("mirror", true, MIRROR_WRITE_TIMEOUT, metrics, null);
        mirror = new HotKeyMirror(config, mirrorConnection, tracker, MIRROR_WRITE_TIMEOUT, metrics);
        mirror.start();
        metrics.bindKafkaStreams(streams);
        stream.attach(streams, queries, mirror);
        streams.start();
    }

    private static void awaitModels(ModelFeed feed) {
        try {
            if (!feed.awaitCaughtUp(MODEL_FEED_START)) {
                LOG.warn("the models topic was not read within {}: starting with this instance's own model", MODEL_FEED_START);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the instance's own model comes from, as {@code GET /api/v1/models} shows it. */
    private static String modelSource(AppConfig config) {
        return config.modelDir() != null ? "model.dir " + config.modelDir() : "classpath";
    }

    /** The configured predictor: the committed ensemble (or {@code model.dir}) with the configured betting rules. */
    private static FixturePredictor predictorFor(AppConfig config) {
        FeatureEngine engine = FeatureEngine.withDefaults();
        FixtureScorer scorer = config.modelDir() != null
                ? FixtureScorer.fromDirectory(config.modelDir(), engine.featureNames(true), engine.featureNames(false))
                : FixtureScorer.fromClasspath(engine.featureNames(true), engine.featureNames(false));
        BetConfig defaults = BetConfig.defaults();
        BetConfig bets = new BetConfig(config.betMinEdge(), config.kellyFraction(), config.maxStake(),
                defaults.maxPrice(), defaults.noOddsConfidence(), defaults.noOddsStake());
        return new FixturePredictor(engine, scorer, new BetSelector(bets), ConfidenceRater.withDefaults(), new ReasoningWriter());
    }

    /** Head → version of the champion's ONNX heads. */
    private static Map<String, String> modelVersions(FixturePredictor predictor) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
            versions.put(head.wireName(), predictor.scorer().modelVersion(head));
        }
        return versions;
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Also tells {@code watcher} of each state change of the stream, on the thread making it (replacing any before). */
    public void watchState(KafkaStreams.StateListener watcher) {
        stateWatcher = watcher;
    }

    /** The effective configuration: bootstrap servers and HTTP port as actually bound. */
    public AppConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The models the instance predicts with: its own until the models topic names others. */
    public ServingModels models() {
        return models;
    }

        /** What {@code /metrics} shows. */
    public SabiScoreMetrics metrics() {
        return metrics;
    }

    /** Where a history replay into this instance's cluster reports its progress, shown by {@code /ready}. */
    public ReplayProgress replayProgress() {
        return progress.replay();
    }

    /** The HTTP listener: closing it stops serving ahead of {@link #close} (which closes it too). */
    public HttpListener httpListener() {
        return listener;
    }

    public int httpPort() {
        return listener.port();
    }

    /**
     * Stops in the reverse order of use, within {@link #CLOSE_BUDGET}: HTTP first (requests in flight
     * are answered, at most 2 s; no query then reads a closing store), the hot-key mirror (after a last
     * write of its backlog), Redis, the model feed, then the stream with whatever time is left, the
     * models, the metrics and the broker. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CloseDeadline deadline = CloseDeadline.after(CLOSE_BUDGET, System::nanoTime);
        if (listener != null) {
            listener.close();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        if (mirror != null) {
            mirror.close(deadline.remaining(MIRROR_CLOSE));
        }
        if (mirrorConnection != null) {
            mirrorConnection.close();
        }
        if (cacheConnection != null) {
            cacheConnection.close();
        }
        if (redis != null) {
            redis.close(deadline.remaining(REDIS_CLOSE));
        }
        if (eventLoops != null) {
            Duration loopsClose = deadline.remaining(REDIS_CLOSE);
            eventLoops.shutdownGracefully(0, loopsClose.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(loopsClose.toMillis());
        }
        if (progress != null) {
            progress.close();
        }
        if (feed != null) {
            // no model is installed from here on: the stream finishes with what serves now
            feed.close();
        }
        boolean streamStopped = true;
        if (streams != null) {
            // leave the group: by default Kafka Streams stays in it, and a restarted instance (or the others, for this
            // one's partitions) then waits out the 45 s session timeout before the rebalance
            streamStopped = streams.close(CloseOptions.timeout(deadline.remaining())
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (models != null && streamStopped) {
            models.close();
        } else if (models != null) {
            // a stream thread still scoring would find its model closed and hand the fixture to the processing
            // handler, which skips it: the models stay loaded and go with the process
            LOG.warn("the stream did not stop within the close budget: what it did not commit is redone by the next"
                    + " start; the models stay loaded until the process exits");
        }
        if (metrics != null) {
            metrics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
