package com.sabiscore.modelfeed;

import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Topic;
import com.sabiscore.config.Topics;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.serving.ModelRelease;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes to the models topic: a release and the roles that make it champion or challenger, or new
 * roles alone to promote a version. Each write first reads the topic to its end, since the roles
 * record is written whole; two publishers racing may lose one's roles (publish again), never a
 * release. Every instance reading the topic follows within its next poll.
 */
public final class ModelPublisher {

    /** A version that is not on the models topic. */
    public static final class UnknownVersionException extends Exception {

        private static final long serialVersionUID = 1L;

        UnknownVersionException(String message) {
            super(message);
        }
    }

    private final AppConfig config;
    private final Duration timeout;

    /** @param timeout how long reading the topic, or one write, may wait for the cluster */
    public ModelPublisher(AppConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** Everything on the topic now. */
    public ModelCatalog catalog() {
        try (ModelTopicReader reader = new ModelTopicReader(config, malformed -> { })) {
            reader.readToEnd(timeout);
            return reader.catalog();
        }
    }

    /**
     * Publishes a release, then roles naming it champion (the challenger stays unless it is this
     * version) or, with {@code asChallenger}, challenger beside the current champion.
     *
     * @return the roles written
     */
    public ModelCatalog.Roles publish(ModelRelease release, boolean asChallenger) {
        ModelCatalog.Roles current = catalog().roles();
        ModelCatalog.Roles next = asChallenger ? current.challengeWith(release.version()) : current.promote(release.version());
        try (KafkaProducer<String, ModelRecord> producer = producer()) {
            send(producer, ModelRecords.releaseKey(release.version()), ModelRecords.release(release));
            send(producer, ModelRecords.ROLES_KEY, ModelRecords.roles(next));
        }
        return next;
    }

    /**
     * Makes a published version champion; the challenger stays unless it is this version.
     *
     * @return the roles written
     * @throws UnknownVersionException when no release of that version is on the topic
     */
    public ModelCatalog.Roles promote(String version) throws UnknownVersionException {
        ModelCatalog catalog = catalog();
        if (!catalog.releases().containsKey(version)) {
            throw new UnknownVersionException("no release " + version + " on " + config.modelsTopic() + " (published: "
                    + (catalog.releases().isEmpty() ? "none" : String.join(", ", catalog.releases().keySet())) + ")");
        }
        ModelCatalog.Roles next = catalog.roles().promote(version);
        try (KafkaProducer<String, ModelRecord> producer = producer()) {
            send(producer, ModelRecords.ROLES_KEY, ModelRecords.roles(next));
        }
        return next;
    }

    private KafkaProducer<String, ModelRecord> producer() {
        Topic<String, ModelRecord> topic = Topics.models(config);
        Properties props = config.connectionProperties();
        // a release holds two ONNX models: see Topics.MODELS_MAX_MESSAGE_BYTES
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Sends and waits for the acknowledgement, so roles are never written before the release they name. */
    private void send(KafkaProducer<String, ModelRecord> producer, String key, ModelRecord value) {
        try {
            producer.send(new ProducerRecord<>(config.modelsTopic(), 0, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write " + key + " to " + config.modelsTopic() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to " + config.modelsTopic() + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + key + " to " + config.modelsTopic(), e);
        }
    }
}
