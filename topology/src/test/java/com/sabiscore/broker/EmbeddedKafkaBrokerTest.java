package com.sabiscore.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-broker tests: start, provision, produce, consume, restart on the same folder. */
class EmbeddedKafkaBrokerTest {

    private static final List<String> TOPICS = List.of("it.fixtures", "it.results");

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameFolder() throws Exception {
        String bootstrap;
        // given a fresh broker with provisioned topics and one record
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            System.out.printf("first start (format + start + ready): %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            bootstrap = broker.bootstrapServers();
            try (Admin admin = admin(bootstrap)) {
                assertThat(new TopicProvisioner(admin).provision(TOPICS, 3, (short) 1)).containsExactlyInAnyOrderElementsOf(TOPICS);
            }
            produce(bootstrap, "it.fixtures", "E0:2023-08-11:Burnley:Man City", "fixture-1");
            assertThat(consumeAll(bootstrap, "it.fixtures")).containsExactly("fixture-1");
        }

        // when it restarts on the same folder
        started = System.nanoTime();
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir, 0)) {
            System.out.printf("restart on existing data: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            // then it listens where it did, and its topics and records are still there
            assertThat(restarted.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = admin(restarted.bootstrapServers())) {
                assertThat(new TopicProvisioner(admin).provision(TOPICS, 3, (short) 1)).isEmpty();
            }
            assertThat(consumeAll(restarted.bootstrapServers(), "it.fixtures")).containsExactly("fixture-1");
        }
    }

    @Test
    void shouldRefuseAnExistingTopicWithAnotherPartitionCount() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             Admin admin = admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("it.predictions", 2, (short) 1))).all().get();

            assertThatThrownBy(() -> new TopicProvisioner(admin).provision(List.of("it.predictions", "it.dead-letters"), 6, (short) 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic.partitions is 6 but it.predictions has 2 partitions");
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Every value in the topic, read from the beginning of each partition. */
    private static List<String> consumeAll(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
