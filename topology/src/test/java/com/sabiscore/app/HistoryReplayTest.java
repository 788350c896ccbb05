package com.sabiscore.app;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.progress.ReplayProgress;
import com.sabiscore.replay.HistoryReplayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay interrupted part-way (as by a crash) and started again publishes exactly the rest: the
 * input topics end up holding what one uninterrupted replay publishes, record for record, in order.
 */
class HistoryReplayTest {

    private static final List<HistoricalMatch> MATCHES = List.of(
            aMatch().competition("E0").home("Arsenal").away("Chelsea").on("2023-08-12").at("15:00").score(2, 1).build(),
            aMatch().competition("E0").home("Everton").away("Fulham").on("2023-08-12").at("15:00").score(0, 1).build(),
            aMatch().competition("D1").home("Bayern Munich").away("Dortmund").on("2023-08-12").at("17:30").score(1, 1).build(),
            aMatch().competition("E0").home("Chelsea").away("Everton").on("2023-08-19").at("15:00").score(0, 0).build(),
            aMatch().competition("D1").home("Dortmund").away("Bayern Munich").on("2023-08-19").at("17:30").score(2, 2).build(),
            aMatch().competition("E0").home("Fulham").away("Arsenal").on("2023-08-20").at("16:30").score(1, 3).build());

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private AppConfig config;

    @BeforeEach
    void startBroker() {
        AppConfig settings = AppConfig.of(Map.of("topic.partitions", "3", "embedded.broker.port", "0",
                "embedded.broker.dir", dir.toString()));
        broker = EmbeddedKafkaBroker.start(settings);
        config = settings.withKafkaBootstrapServers(broker.bootstrapServers());
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin).provision(config);
        }
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void shouldPublishOnlyWhatAnInterruptedReplayLeftOutSoTheTopicsHoldTheTimelineOnce() {
        List<MatchTimeline.Event> timeline = MatchTimeline.of(MATCHES, Duration.ZERO);
        // given: the first five events reached the broker before the process died
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic()).replay(timeline.subList(0, 5), 100, p -> { });
        }
        ReplayProgress progress = new ReplayProgress();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when: the replay is started again with the same history
        HistoryReplayer.Progress resumed = HistoryReplay.publish(config, MATCHES, Duration.ZERO, HistoryReplay.Mode.RESUME, progress,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        // then: only the other seven were sent, and every partition holds its events once, in timeline order
        assertThat(resumed.published()).isEqualTo(timeline.size() - 5);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 of 12 events already published, 7 to go");
        assertThat(progress.snapshot()).isEqualTo(new ReplayProgress.Snapshot(ReplayProgress.Phase.COMPLETE, 12, 12, null));
        assertThat(keysByPartition()).isEqualTo(expectedKeysByPartition(timeline));

        // and a third start finds nothing to do
        HistoryReplay.publish(config, MATCHES, Duration.ZERO, HistoryReplay.Mode.RESUME, progress,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("history already published: the input topics hold all 12 events");
        assertThat(keysByPartition()).isEqualTo(expectedKeysByPartition(timeline));
    }

    /** Topic-partition → keys in offset order, as one uninterrupted replay leaves them. */
    private Map<String, List<String>> expectedKeysByPartition(List<MatchTimeline.Event> timeline) {
        Map<String, List<String>> expected = new TreeMap<>();
        for (MatchTimeline.Event event : timeline) {
            String id = event.match().fixture().id().toString();
            String topic = event.kind() == MatchTimeline.Kind.FIXTURE ? config.fixturesTopic() : config.resultsTopic();
            int partition = new com.sabiscore.partitioning.CompetitionPartitioner().partitionFor(id, config.topicPartitions());
            expected.computeIfAbsent(topic + "-" + partition, tp -> new ArrayList<>()).add(id);
        }
        return expected;
    }

    private Map<String, List<String>> keysByPartition() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, List<String>> keys = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(config.fixturesTopic(), config.resultsTopic())) {
                for (int p = 0; p < config.topicPartitions(); p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.computeIfAbsent(record.topic() + "-" + record.partition(), tp -> new ArrayList<>()).add(record.key());
                }
            }
        }
        return keys;
    }
}
