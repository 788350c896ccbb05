package com.sabiscore.broker;

import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the app's topics at start-up, before Kafka Streams looks for them. Idempotent: a topic
 * that exists is kept, but only if it has the configured partition count, because the
 * competition partitioner sends a competition to a partition chosen by that count, and the
 * topology reads a competition's fixtures, results and predictions from the same partition number.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** Creates the fixtures, results, predictions and dead-letter topics of {@code config}; returns the names created. */
    public List<String> provision(AppConfig config) {
        return provision(Topics.from(config).names(), Set.of(config.predictionsTopic(), config.deadLettersTopic()),
                config.topicPartitions(), (short) config.replicationFactor());
    }

    /**
     * Creates the models topic when it is missing: one partition, so a roles record is read after
     * the release it names, and compacted, so the latest record of each key is kept for ever.
     *
     * @return whether this call created it
     * @throws IllegalStateException when it exists with more than one partition
     */
    public boolean provisionModelsTopic(AppConfig config) {
        String name = config.modelsTopic();
        NewTopic topic = new NewTopic(name, 1, (short) config.replicationFactor()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // a release holds two ONNX models: see Topics.MODELS_MAX_MESSAGE_BYTES
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MODELS_MAX_MESSAGE_BYTES)));
        boolean created = createdNow(admin.createTopics(List.of(topic)).values().get(name), name);
        int partitions = describe(List.of(name)).get(name).partitions().size();
        if (partitions != 1) {
            throw new IllegalStateException("the models topic " + name + " has " + partitions
                    + " partitions: it needs one, so releases and roles are read in the order they were published");
        }
        if (created) {
            LOG.info("created the models topic {} (compacted, one partition)", name);
        }
        return created;
    }

    /**
     * Creates each missing topic and checks that existing ones have {@code partitions} partitions.
     *
     * @return the topics created by this call (empty when all existed)
     * @throws IllegalStateException when an existing topic has another partition count
     */
    public List<String> provision(List<String> names, int partitions, short replicationFactor) {
        return provision(names, Set.of(), partitions, replicationFactor);
    }

    /** Like {@link #provision(List, int, short)}; the {@code outputs} among the names take larger records. */
    private List<String> provision(List<String> names, Set<String> outputs, int partitions, short replicationFactor) {
        List<NewTopic> wanted = names.stream()
                .map(name -> new NewTopic(name, partitions, replicationFactor).configs(topicConfig(outputs.contains(name))))
                .toList();
        List<String> created = new ArrayList<>();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            if (createdNow(future, name)) {
                created.add(name);
            }
        });
        checkPartitionCounts(names, partitions);
        if (!created.isEmpty()) {
            LOG.info("created topics {} with {} partitions, replication factor {}", created, partitions, replicationFactor);
        }
        return created;
    }

    private static Map<String, String> topicConfig(boolean output) {
        Map<String, String> config = new HashMap<>(Map.of(
                // replays publish history with its own timestamps (years old): time-based
                // retention would delete it at once, and these topics are the record of truth
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                // segments roll on event time: see Topics.SEGMENT_MS
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Topics.SEGMENT_MS)));
        if (output) {
            // a dead letter is larger than the record it refuses: see Topics.OUTPUT_MAX_MESSAGE_BYTES
            config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.OUTPUT_MAX_MESSAGE_BYTES));
        }
        return config;
    }

    /** True when this call created the topic, false when it already existed. */
    private static boolean createdNow(KafkaFuture<Void> future, String name) {
        try {
            future.get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    private void checkPartitionCounts(List<String> names, int partitions) {
        Map<String, TopicDescription> descriptions = describe(names);
        String mismatches = descriptions.values().stream()
                .filter(topic -> topic.partitions().size() != partitions)
                .map(topic -> topic.name() + " has " + topic.partitions().size())
                .sorted()
                .collect(Collectors.joining(", "));
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("topic.partitions is " + partitions + " but " + mismatches
                    + " partitions: a competition must map to the same partition on every topic."
                    + " Set topic.partitions to the existing count, or delete and recreate the topics.");
        }
    }

    /** A topic just created may take a moment to reach the broker's metadata: retry until it does. */
    private Map<String, TopicDescription> describe(List<String> names) {
        long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe topics " + names + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics " + names, e);
            }
            sleep(METADATA_RETRY);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }
}
