package com.sabiscore.deadletters;

import com.sabiscore.partitioning.CompetitionPartitioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes raw records as they are, bytes untouched, each to its topic and to the partition of
 * its competition ({@link CompetitionPartitioner}), so the stream reads them as it would have read
 * the originals. A record without a key has no competition and goes back to the partition it was
 * read from. Idempotent and acknowledged by every in-sync replica, so a record is written once.
 */
public final class RawRecordPublisher {

    /** A record that cannot be published where it is meant to go; nothing was published. */
    public static final class UnpublishableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnpublishableException(String message) {
            super(message);
        }
    }

    private final Properties connection;
    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * @param connection the cluster's bootstrap servers and security settings ({@code AppConfig.connectionProperties()})
     * @param timeout    how long to wait for the cluster before giving up
     */
    public RawRecordPublisher(Properties connection, Duration timeout) {
        this.connection = connection;
        this.bootstrapServers = connection.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        this.timeout = timeout;
    }

    /**
     * Checks every record's destination first, then publishes them in order and waits for every
     * acknowledgement.
     *
     * @return records published per topic
     * @throws UnpublishableException a topic does not exist, or a record without a key has no partition there
     * @throws IllegalStateException  the cluster does not answer in time, or refused a record (the message
     *                                says how many were acknowledged before)
     */
    public Map<String, Long> publish(List<RawRecordFile.Line> lines) throws UnpublishableException {
        Set<String> topics = lines.stream().map(line -> line.record().topic()).collect(Collectors.toSet());
        TopicLimits limits = describe(topics);
        for (RawRecordFile.Line line : lines) {
            RawRecord record = line.record();
            if (record.key() == null) {
                int partitions = limits.partitions().get(record.topic());
                if (record.partition() == null || record.partition() < 0 || record.partition() >= partitions) {
                    throw new UnpublishableException("line " + line.number() + ": a record without a key goes to its \"partition\", "
                            + (record.partition() == null ? "which is missing" : record.partition() + ", but " + record.topic()
                            + " has " + partitions + " partitions") + " (nothing published)");
                }
            }
        }
        Map<String, Long> published = new TreeMap<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(limits.largestRecord()))) {
            for (RawRecordFile.Line line : lines) {
                RawRecord record = line.record();
                Integer partition = record.key() == null ? record.partition() : null;
                Long timestamp = record.timestamp() == null ? null : record.timestamp().toEpochMilli();
                producer.send(new ProducerRecord<>(record.topic(), partition, timestamp, record.key(), record.value()), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        firstFailure.compareAndSet(null, error);
                    }
                });
                published.merge(record.topic(), 1L, Long::sum);
            }
            producer.flush();
        }
        if (firstFailure.get() != null) {
            throw new IllegalStateException("Kafka acknowledged " + acknowledged.get() + " of " + lines.size()
                    + " records, then refused one: " + firstFailure.get().getMessage(), firstFailure.get());
        }
        return published;
    }

    /** Partition counts of the topics, and the largest record any of them takes. */
    private record TopicLimits(Map<String, Integer> partitions, int largestRecord) {
    }

    private TopicLimits describe(Set<String> topics) throws UnpublishableException {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            Map<String, Integer> partitions = new TreeMap<>();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
                try {
                    partitions.put(topic.getKey(), topic.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new UnpublishableException("topic " + topic.getKey() + " does not exist at " + bootstrapServers + " (nothing published)");
                    }
                    throw e;
                }
            }
            List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int largest = configs.values().stream()
                    .mapToInt(config -> Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()))
                    .max().orElse(0);
            return new TopicLimits(partitions, largest);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topics + " at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        }
    }

    private Properties producerProperties(int largestRecord) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, CompetitionPartitioner.class);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // a record the topic accepts must not be refused by the producer's own smaller default (1 MiB)
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(largestRecord, 1024 * 1024));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        return props;
    }
}
