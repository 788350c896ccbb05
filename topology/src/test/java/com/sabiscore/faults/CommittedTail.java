package com.sabiscore.faults;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the predictions topic as it is committed ({@code read_committed}, on its own thread):
 * which fixtures have a prediction and the newest committed version of each. Whatever an instance
 * answers for a fixture should be at least that version, or be flagged stale.
 */
final class CommittedTail implements AutoCloseable {

    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    CommittedTail(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        thread = new Thread(() -> follow(props), "committed-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Properties props) {
        String topic = InputCounts.TOPICS.predictionsTopic();
        try (KafkaConsumer<String, Prediction> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                EventSerdes.prediction().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofMinutes(2))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, Prediction> record : consumer.poll(Duration.ofMillis(100))) {
                    if (versions.put(record.key(), record.value().getVersion()) == null) {
                        synchronized (ids) {
                            ids.add(record.key());
                        }
                    }
                }
            }
        }
    }

    /** The newest committed version of {@code fixtureId}, 0 for none yet. */
    long version(String fixtureId) {
        return versions.getOrDefault(fixtureId, 0L);
    }

    /** A fixture with a committed prediction, at random; null while there is none. */
    String anyFixture() {
        synchronized (ids) {
            return ids.isEmpty() ? null : ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        }
    }

    int fixtures() {
        return versions.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
