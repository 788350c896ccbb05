package com.sabiscore.streams;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a predictions topic as a downstream consumer would: read_committed, from the beginning. */
final class PredictionsTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, Prediction> consumer;
    private final List<ConsumerRecord<String, Prediction>> seen = new ArrayList<>();

    PredictionsTopicReader(String bootstrapServers, String topic, int partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // only what the stream committed: aborted transactions must never be seen downstream
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), EventSerdes.prediction().deserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Polls until {@code done} holds for everything seen so far, or fails after {@code timeout}. */
    List<ConsumerRecord<String, Prediction>> readUntil(Predicate<List<ConsumerRecord<String, Prediction>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("predictions still incomplete after " + timeout + ": " + seen.size() + " read");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Everything that arrives within {@code quiet} more, to prove nothing extra follows. */
    List<ConsumerRecord<String, Prediction>> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
