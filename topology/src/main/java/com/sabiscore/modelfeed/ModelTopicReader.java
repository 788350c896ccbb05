package com.sabiscore.modelfeed;

import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the models topic from its first record into a {@link ModelCatalog}: no consumer group and
 * no committed offsets, since every reader needs all of it. Values stay bytes until the catalog
 * decodes them, so one bad record is reported and skipped instead of stopping the reader.
 */
final class ModelTopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicPartition partition;
    private final ModelCatalog catalog = new ModelCatalog();
    private final Consumer<MalformedModelRecordException> malformed;

    /** @param malformed hears of every record the catalog cannot read */
    ModelTopicReader(AppConfig config, Consumer<MalformedModelRecordException> malformed) {
        Properties props = config.consumerProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // a release is larger than Kafka's 1 MiB default fetch per partition
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sabiscore-models-" + config.applicationId());
        this.consumer = new KafkaConsumer<>(props);
        this.partition = new TopicPartition(Topics.models(config).name(), 0);
        this.malformed = malformed;
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    ModelCatalog catalog() {
        return catalog;
    }

    /**
     * Reads every record written before the call.
     *
     * @throws TimeoutException when the broker does not answer within {@code timeout}
     */
    void readToEnd(Duration timeout) {
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the models topic " + partition.topic()
                        + " was not read to its end (offset " + end + ") within " + timeout);
            }
            poll(POLL);
        }
    }

    /** Reads what arrives within {@code wait}; true when any record came. */
    boolean poll(Duration wait) {
        boolean any = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            any = true;
            try {
                catalog.apply(record);
            } catch (MalformedModelRecordException e) {
                malformed.accept(e);
            }
        }
        return any;
    }

    /** Makes a {@link #poll} in progress on another thread return at once (with a {@code WakeupException}). */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
