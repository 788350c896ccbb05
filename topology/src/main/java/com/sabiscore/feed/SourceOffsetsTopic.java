package com.sabiscore.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The source offsets of the in-process live feed, in a compacted one-partition topic of the app's
 * own cluster, as a distributed Connect worker keeps them: key = the source partition as JSON,
 * value = the source offset as JSON. The offsets then live and vanish with the events they
 * describe (a fresh cluster starts the feed from scratch), and they are written in the same
 * transaction as those events. The topic is read whole, committed records only, when a task starts.
 */
final class SourceOffsetsTopic implements OffsetStorageReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String topic;
    private final TopicPartition partition;
    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();

    SourceOffsetsTopic(String topic) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
    }

    String name() {
        return topic;
    }

    /** Creates the topic unless it exists: compacted, so it keeps one offset per source partition. */
    void create(Admin admin, short replicationFactor) throws InterruptedException {
        NewTopic offsets = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(offsets)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create the live feed's offsets topic " + topic, e.getCause());
            }
        }
    }

    /** Replaces what is known with the topic's committed content. */
    void read(Properties consumerProperties, Duration pollTimeout) {
        Properties props = new Properties();
        props.putAll(consumerProperties);
        // an aborted transaction's offsets describe events no one will see
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        committed.clear();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
                    if (record.value() == null) {
                        committed.remove(parse(record.key()));
                    } else {
                        committed.put(parse(record.key()), parse(record.value()));
                    }
                }
            }
        }
    }

    /** Sends the offsets of a batch, inside the producer's open transaction. */
    void send(Producer<byte[], byte[]> producer, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((sourcePartition, sourceOffset) ->
                producer.send(new ProducerRecord<>(topic, 0, json(sourcePartition), json(sourceOffset))));
    }

    /** The batch's transaction committed: its offsets are what a task started now reads. */
    void committed(Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((sourcePartition, sourceOffset) -> committed.put(copy(sourcePartition), copy(sourceOffset)));
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> sourcePartition) {
        return committed.get(copy(sourcePartition));
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> sourcePartitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> sourcePartition : sourcePartitions) {
            Map<String, Object> offset = offset(sourcePartition);
            if (offset != null) {
                found.put(sourcePartition, offset);
            }
        }
        return found;
    }

    /* sorted keys: the same partition always has the same key bytes, which compaction relies on */
    private static byte[] json(Map<String, ?> map) {
        try {
            return JSON.writeValueAsBytes(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a source partition or offset that is not JSON: " + map, e);
        }
    }

    private static Map<String, Object> parse(byte[] json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("the live feed's offsets topic holds a record that is not a JSON object", e);
        }
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return new HashMap<>(map);
    }
}
