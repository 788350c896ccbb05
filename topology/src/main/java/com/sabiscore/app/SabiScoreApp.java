package com.sabiscore.app;

import com.sabiscore.betting.BetConfig;
import com.sabiscore.betting.BetSelector;
import com.sabiscore.betting.ConfidenceRater;
import com.sabiscore.betting.ReasoningWriter;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.http.PredictionHttpServer;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.modelfeed.ModelFeed;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.progress.PipelineProgress;
import com.sabiscore.progress.ReplayProgress;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.streams.PredictionTopology;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SabiScore instance: the embedded broker when no cluster is configured, the topics,
 * the models (its own, then whatever the models topic names), the Kafka Streams topology scoring
 * with them, and the HTTP layer over its stores.
 * Start more instances with the same application id against one cluster to scale out.
 */
public final class SabiScoreApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SabiScoreApp.class);
    // a requested stop must end within 10 s (service managers then kill); an exactly-once commit takes well under that
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(8);
    /** A model taken out of service stays open this long for calls that took it just before: a call takes milliseconds. */
    private static final Duration RETIRED_MODEL_GRACE = Duration.ofSeconds(30);
    /**
     * How long a start waits for the models topic to be read, so the stream starts with the published
     * champion; past it the instance starts with its own model and switches once the topic is read.
     */
    private static final Duration MODEL_FEED_START = Duration.ofSeconds(30);

    private final AppConfig config;
    private final EmbeddedKafkaBroker broker;
    private final ServingModels models;
    private final ModelFeed feed;
    private final SabiScoreMetrics metrics;
    private final PipelineProgress progress;
    private final PredictionHttpServer http;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    private SabiScoreApp(AppConfig withKafka, EmbeddedKafkaBroker broker, ServingModels models, ModelFeed feed,
                         SabiScoreMetrics metrics, ReplayProgress replay) {
        this.broker = broker;
        this.models = models;
        this.feed = feed;
        this.metrics = metrics;
        this.progress = PipelineProgress.watch(withKafka, replay);
        try {
            this.http = PredictionHttpServer.start(withKafka, models, metrics, progress);
        } catch (RuntimeException e) {
            progress.close();
            throw e;
        }
        try {
            // application.server must name the port the HTTP server really bound (http.port may be 0)
            this.config = withKafka.withHttpPort(http.port());
            this.streams = new KafkaStreams(PredictionTopology.build(config, models, http.pipelineObserver()), config.streamsProperties());
        } catch (RuntimeException e) {
            http.close();
            progress.close();
            throw e;
        }
        try {
            streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams {} -> {}", before, now);
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            http.attach(streams, config);
            streams.start();
        } catch (RuntimeException e) {
            // a stream that was built holds its state directory's lock and its clients: release them too
            http.close();
            progress.close();
            streams.close(CLOSE_TIMEOUT);
            throw e;
        }
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
        ServingModels models = new ServingModels(ServedModel.of(predictorFor(requested), modelSource(requested)),
                RETIRED_MODEL_GRACE);
        SabiScoreMetrics metrics = new SabiScoreMetrics();
        metrics.bindModels(models);
        EmbeddedKafkaBroker broker = null;
        ModelFeed feed = null;
        try {
            broker = requested.embeddedBroker() ? EmbeddedKafkaBroker.start(requested) : null;
            AppConfig withKafka = broker == null ? requested : requested.withKafkaBootstrapServers(broker.bootstrapServers());
            try (Admin admin = Admin.create(withKafka.adminProperties())) {
                TopicProvisioner provisioner = new TopicProvisioner(admin);
                provisioner.provision(withKafka);
                provisioner.provisionModelsTopic(withKafka);
            }
            feed = ModelFeed.start(withKafka, models, metrics);
            awaitModels(feed);
            return new SabiScoreApp(withKafka, broker, models, feed, metrics, replay);
        } catch (RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            if (broker != null) {
                broker.close();
            }
            metrics.close();
            models.close();
            throw e;
        }
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
    static FixturePredictor predictorFor(AppConfig config) {
        FeatureEngine engine = FeatureEngine.withDefaults();
        FixtureScorer scorer = config.modelDir() != null
                ? FixtureScorer.fromDirectory(config.modelDir(), engine.featureNames(true), engine.featureNames(false))
                : FixtureScorer.fromClasspath(engine.featureNames(true), engine.featureNames(false));
        BetConfig defaults = BetConfig.defaults();
        BetConfig bets = new BetConfig(config.betMinEdge(), config.kellyFraction(), config.maxStake(),
                defaults.maxPrice(), defaults.noOddsConfidence(), defaults.noOddsStake());
        return new FixturePredictor(engine, scorer, new BetSelector(bets), ConfidenceRater.withDefaults(), new ReasoningWriter());
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The effective configuration: bootstrap servers and HTTP port as actually bound. */
    public AppConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Where a history replay into this instance's cluster reports its progress, shown by {@code /ready}. */
    public ReplayProgress replayProgress() {
        return progress.replay();
    }

    public int httpPort() {
        return http.port();
    }

    /**
     * Stops in dependency order: HTTP first (no query into a closing stream), the model feed, then
     * the stream, the models it scored with, then the broker.
     */
    @Override
    public void close() {
        http.close();
        progress.close();
        // no model is installed from here on: the stream finishes with what serves now
        feed.close();
        // leave the group: by default Kafka Streams stays in it, and a restarted instance (or the others, for this one's
        // partitions) then waits out the 45 s session timeout before the rebalance
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        models.close();
        metrics.close();
        if (broker != null) {
            broker.close();
        }
    }
}
