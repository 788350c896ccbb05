package com.sabiscore.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic from a start position up to its end as the reading began, and hands
 * over each refused input record. Reads only committed records (the stream writes dead letters in
 * its transactions under exactly-once) and joins no consumer group, so it moves no one's offsets.
 */
public final class DeadLetterExport {

    private static final Duration POLL = Duration.ofMillis(500);

    /** Where in each partition to begin. */
    public sealed interface Start {
        /** Every dead letter kept. */
        record Beginning() implements Start {
        }

        /**
         * From {@code byPartition}'s offset in the partitions it lists, the others from
         * {@code everyPartition} (null: from the beginning).
         */
        record Offsets(Map<Integer, Long> byPartition, Long everyPartition) implements Start {
        }

        /** Dead letters whose timestamp (the refused record's) is at or after this instant. */
        record Since(Instant from) implements Start {
        }
    }

    /**
     * What an export read.
     *
     * @param exported    refused records handed over
     * @param unreadable  records of the topic that are no dead letter (partition/offset each), skipped
     * @param nextOffsets per partition, the offset a later export starts from to read only what is new
     */
    public record Summary(long exported, List<String> unreadable, Map<Integer, Long> nextOffsets) {
    }

    private final Properties consumerProperties;
    private final Duration timeout;

    /**
     * @param connection       the bootstrap servers and security settings of the cluster holding the topic
     *                         ({@code AppConfig.connectionProperties()})
     * @param timeout          how long to wait for the cluster before giving up
     */
    public DeadLetterExport(Properties connection, Duration timeout) {
        this.timeout = timeout;
        consumerProperties = new Properties();
        consumerProperties.putAll(connection);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // asking for a missing topic must not create it (with the broker's default partition count, which the app then refuses)
        consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    }

    /**
     * Reads {@code topic} from {@code start} and gives each refused record to {@code sink}, in
     * partition order and offset order within a partition.
     *
     * @throws IllegalStateException when the topic does not exist or the cluster does not answer in time
     */
    public Summary read(String topic, Start start, Consumer<RawRecord> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long exported = 0;
            List<String> unreadable = new ArrayList<>();
            Map<Integer, Long> next = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                long end = ends.get(partition);
                seek(consumer, partition, start, end);
                long position = consumer.position(partition);
                long lastProgress = System.nanoTime();
                while (position < end) {
                    for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(POLL)) {
                        if (letter.offset() >= end || !isWanted(letter, start)) {
                            continue;
                        }
                        Optional<RawRecord> original = DeadLetterRecords.original(letter);
                        if (original.isPresent()) {
                            sink.accept(original.get());
                            exported++;
                        } else {
                            unreadable.add(letter.partition() + "/" + letter.offset());
                        }
                    }
                    long now = consumer.position(partition);
                    if (now > position) {
                        position = now;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                        throw new IllegalStateException("no answer from Kafka at " + bootstrapServers() + " within "
                                + timeout.toSeconds() + " s while reading " + partition + " at offset " + position);
                    }
                }
                next.put(partition.partition(), end);
            }
            return new Summary(exported, unreadable, next);
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers()
                    + " within " + timeout.toSeconds() + " s", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrapServers());
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private Object bootstrapServers() {
        return consumerProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Start start, long end) {
        Long from = null;
        if (start instanceof Start.Offsets offsets) {
            from = offsets.byPartition().getOrDefault(partition.partition(), offsets.everyPartition());
        } else if (start instanceof Start.Since since) {
            OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(partition, since.from().toEpochMilli())).get(partition);
            from = first == null ? end : first.offset();
        }
        if (from == null) {
            consumer.seekToBeginning(List.of(partition));
        } else {
            // an offset already deleted by retention starts at the earliest kept (auto.offset.reset)
            consumer.seek(partition, Math.min(from, end));
        }
    }

    /** Dead letters follow the refused records' timestamps, which need not grow with the offset. */
    private static boolean isWanted(ConsumerRecord<byte[], byte[]> letter, Start start) {
        return !(start instanceof Start.Since since) || letter.timestamp() >= since.from().toEpochMilli();
    }
}
