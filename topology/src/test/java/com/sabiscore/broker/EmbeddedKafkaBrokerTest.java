package com.sabiscore.broker;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Topic;
import com.sabiscore.config.Topics;
import com.sabiscore.events.Fixture;
import com.sabiscore.partitioning.CompetitionPartitioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-broker tests: start, provision, produce, consume, restart on the same folder. */
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameFolder() throws Exception {
        AppConfig settings = AppConfig.of(Map.of("topic.partitions", "3", "embedded.broker.port", "0",
                "embedded.broker.dir", dataDir.toString()));
        Fixture fixture = aFixtureEvent().competition("SP1").home("Almeria").away("Vallecano").kickoff("2023-08-11T17:30:00Z").build();
        int competitionPartition = new CompetitionPartitioner().partitionFor(fixture.getFixtureId(), 3);
        String bootstrap;

        // given a fresh broker with the app's topics and one fixture produced as the app's producers do
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
            System.out.printf("first start (format + start + ready): %d ms%n", elapsedMillis(started));
            bootstrap = broker.bootstrapServers();
            AppConfig config = settings.withKafkaBootstrapServers(bootstrap);
            Topics topics = Topics.from(config);
            try (Admin admin = Admin.create(config.adminProperties())) {
                assertThat(new TopicProvisioner(admin).provision(config)).containsExactlyInAnyOrderElementsOf(topics.names());
            }
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
                producer.send(new ProducerRecord<>(config.fixturesTopic(), fixture.getFixtureId(), fixture)).get();
            }
            assertThat(consumeAll(bootstrap, topics.fixtures())).containsExactly(new Placed(competitionPartition, fixture));
        }

        // when it restarts on the same folder
        started = System.nanoTime();
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(settings)) {
            System.out.printf("restart on existing data: %d ms%n", elapsedMillis(started));
            AppConfig config = settings.withKafkaBootstrapServers(restarted.bootstrapServers());

            // then it listens where it did, and its topics and records are still there
            assertThat(restarted.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = Admin.create(config.adminProperties())) {
                assertThat(new TopicProvisioner(admin).provision(config)).isEmpty();
            }
            assertThat(consumeAll(restarted.bootstrapServers(), Topics.from(config).fixtures()))
                    .containsExactly(new Placed(competitionPartition, fixture));
        }
    }

    @Test
    void shouldRefuseAnExistingTopicWithAnotherPartitionCount() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             Admin admin = Admin.create(AppConfig.defaults().withKafkaBootstrapServers(broker.bootstrapServers()).adminProperties())) {
            admin.createTopics(List.of(new NewTopic("it.predictions", 2, (short) 1))).all().get();

            assertThatThrownBy(() -> new TopicProvisioner(admin).provision(List.of("it.predictions", "it.dead-letters"), 6, (short) 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic.partitions is 6 but it.predictions has 2 partitions");
        }
    }

    @Test
    void shouldLetOnlyClientsThatLogInUseTheSaslListener() throws Exception {
        EmbeddedKafkaBroker.SaslListener sasl = new EmbeddedKafkaBroker.SaslListener("PLAIN", Map.of("sabiscore", "s3cret"), null);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, sasl)) {
            // a client that logs in is served
            try (Admin admin = Admin.create(saslClient(broker, sasl, "s3cret"))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            // one with a wrong password is told so
            try (Admin admin = Admin.create(saslClient(broker, sasl, "guess"))) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            // and one without credentials never gets an answer
            Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            try (Admin admin = Admin.create(anonymous)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
    }

    private static Map<String, Object> saslClient(EmbeddedKafkaBroker broker, EmbeddedKafkaBroker.SaslListener sasl, String password) {
        Map<String, Object> settings = new HashMap<>(sasl.clientSettings("sabiscore", password));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers());
        return settings;
    }

    private record Placed(int partition, Object value) {
    }

    /** Every record in the topic with its partition, read from the beginning of each partition. */
    private static <V> List<Placed> consumeAll(String bootstrap, Topic<String, V> topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Placed> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new Placed(record.partition(), record.value()));
                }
            }
            return records;
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
