package com.sabiscore.modelfeed;

import com.sabiscore.config.AppConfig;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.serving.ServingModels;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance's models in step with the models topic: reads the topic whole when the
 * instance starts, then follows it, and after each batch of records has {@link ServingModels}
 * serve what the latest roles name (it loads and checks a release once, and refuses one that does
 * not fit, keeping what served). Every instance reads every record, so all of them serve the same
 * versions a moment after a publish. Runs on a thread of its own.
 */
public final class ModelFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFeed.class);
    /** Label of {@code sabiscore_model_refused_total} for a record that cannot be read at all. */
    public static final String MALFORMED_RECORD = "malformed_record";
    /** How long one attempt to read the topic to its end may take before it is logged and tried again. */
    private static final Duration CATCH_UP_ATTEMPT = Duration.ofSeconds(30);
    /** How long a poll waits for new records: the delay of a close, never of a publish. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);
    /** How long a close waits for the feed's thread to close its consumer: part of the app's 10 s stop. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final AppConfig config;
    private final ServingModels models;
    private final SabiScoreMetrics metrics;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile ModelTopicReader reader;
    private volatile boolean closing;
    private ModelCatalog.Roles rolesSeen;

    private ModelFeed(AppConfig config, ServingModels models, SabiScoreMetrics metrics) {
        this.config = config;
        this.models = models;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "model-feed");
        thread.setDaemon(true);
    }

    /** Starts following {@code config}'s models topic (its bootstrap servers set) into {@code models}. */
    public static ModelFeed start(AppConfig config, ServingModels models, SabiScoreMetrics metrics) {
        ModelFeed feed = new ModelFeed(config, models, metrics);
        feed.thread.start();
        return feed;
    }

    /**
     * Waits until the topic has been read to the end it had when the feed started and what it names
     * serves (or was refused): an instance that waits for this starts with the published champion,
     * not with its own model for a moment.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (ModelTopicReader topic = new ModelTopicReader(config, this::malformed)) {
            reader = topic;
            while (!closing && !readToEnd(topic)) {
                LOG.warn("the models topic {} could not be read to its end within {}; still serving {} and trying again",
                        config.modelsTopic(), CATCH_UP_ATTEMPT, models.lineup().champion().version());
            }
            adopt(topic.catalog());
            caughtUp.countDown();
            while (!closing) {
                if (topic.poll(FOLLOW_POLL)) {
                    adopt(topic.catalog());
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.error("the model feed stopped: the models serving now keep serving, but no new one is installed", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the model feed stopped: the models serving now keep serving, but no new one is installed", e);
        }
    }

    private static boolean readToEnd(ModelTopicReader topic) {
        try {
            topic.readToEnd(CATCH_UP_ATTEMPT);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private void adopt(ModelCatalog catalog) {
        ModelCatalog.Roles roles = catalog.roles();
        if (!roles.equals(rolesSeen)) {
            LOG.info("the models topic names champion {} and challenger {} (releases on the topic: {})",
                    Objects.requireNonNullElse(roles.champion(), "none (this instance's own model)"),
                    Objects.requireNonNullElse(roles.challenger(), "none"), catalog.published().size());
            rolesSeen = roles;
        }
        models.adopt(roles.champion(), roles.challenger(), catalog.releases());
    }

    private void malformed(MalformedModelRecordException e) {
        LOG.warn(e.getMessage());
        metrics.modelRefused(MALFORMED_RECORD);
    }

    /** Stops following the topic; the models serving keep serving. */
    @Override
    public void close() {
        closing = true;
        ModelTopicReader topic = reader;
        if (topic != null) {
            topic.wakeup();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
