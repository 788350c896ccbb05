package com.sabiscore.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.data.RealHistory;
import com.sabiscore.events.codec.AvroCodec;

/**
 * The connector in a real Kafka Connect standalone worker against a real broker, both in this JVM,
 * configured the way {@code docs/connectors.md} says: one Premier League season goes in as a feed
 * file and comes out as 380 fixtures and 380 results on the competition's partition.
 */
class StandaloneWorkerEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneWorkerEndToEndTest.class);
    private static final int PARTITIONS = 3;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private SingleNodeKafka kafka;
    private Connect<StandaloneHerder> connect;

    @BeforeEach
    void startBroker() throws Exception {
        // the Connect CLI exits the JVM when it fails to start: fail the test instead
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Connect tried to exit with " + code + ": " + message);
        });
        long started = System.nanoTime();
        kafka = SingleNodeKafka.start(work.resolve("kafka"));
        LOG.info("Broker started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterEach
    void stopEverything() {
        if (connect != null) {
            connect.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        Exit.resetExitProcedure();
    }

    @Test
    void shouldDeliverASeasonFileAsFixturesAndResultsOnTheCompetitionsPartition() throws Exception {
        // given a feed folder holding E0 2023-24
        Path feed = work.resolve("feed");
        Files.createDirectories(feed.resolve("E0"));
        Files.copy(RealHistory.football().resolve("E0/2023-24.csv"),
                feed.resolve("E0/2023-24.csv"));

        // when a standalone worker runs the connector
        long started = System.nanoTime();
        connect = new ConnectStandalone().startConnect(workerProperties());
        LOG.info("Connect worker started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig("football-data", connectorProperties(feed), false, created);
        created.get(30, TimeUnit.SECONDS);

        // then both topics receive the season, every event on E0's partition
        List<ConsumerRecord<String, byte[]>> fixtures = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> results = new ArrayList<>();
        consumeUntil(380, fixtures, results);
        LOG.info("760 events delivered {} ms after the worker was launched", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        int e0Partition = CompetitionPartition.of("E0", PARTITIONS);
        AvroCodec<com.sabiscore.events.Fixture> fixtureCodec = AvroCodec.of(com.sabiscore.events.Fixture.class);
        AvroCodec<com.sabiscore.events.MatchResult> resultCodec = AvroCodec.of(com.sabiscore.events.MatchResult.class);
        assertThat(fixtures).hasSize(380).allSatisfy(record -> {
            com.sabiscore.events.Fixture fixture = fixtureCodec.decode(record.value());
            assertThat(record.partition()).isEqualTo(e0Partition);
            assertThat(record.key()).isEqualTo(fixture.getFixtureId()).startsWith("E0:");
            assertThat(Instant.ofEpochMilli(record.timestamp())).isEqualTo(fixture.getKickoff());
        });
        assertThat(results).hasSize(380).allSatisfy(record -> {
            com.sabiscore.events.MatchResult result = resultCodec.decode(record.value());
            assertThat(record.partition()).isEqualTo(e0Partition);
            assertThat(record.key()).isEqualTo(result.getFixtureId());
            assertThat(Instant.ofEpochMilli(record.timestamp())).isAfter(result.getKickoff());
        });
        assertThat(fixtures).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(results.stream().map(ConsumerRecord::key).toList());
    }

    private Map<String, String> workerProperties() {
        return Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename", work.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms", "1000",
                // the plugin is on the test classpath; its service manifest spares scanning every jar for plugins
                "plugin.discovery", "service_load",
                "listeners", "http://127.0.0.1:0");
    }

    private static Map<String, String> connectorProperties(Path feed) {
        return Map.of(
                "name", "football-data",
                "connector.class", FootballDataSourceConnector.class.getName(),
                "tasks.max", "1",
                "feed.dir", feed.toString(),
                "topic.partitions", String.valueOf(PARTITIONS),
                // the worker creates the topics with the partition count the records are partitioned for
                "topic.creation.default.partitions", String.valueOf(PARTITIONS),
                "topic.creation.default.replication.factor", "1");
    }

    private void consumeUntil(int each, List<ConsumerRecord<String, byte[]>> fixtures, List<ConsumerRecord<String, byte[]>> results) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the topics appear only when the worker sends its first records: look for them often
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("sabiscore.fixtures", "sabiscore.results"));
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
            while ((fixtures.size() < each || results.size() < each) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    (record.topic().equals("sabiscore.fixtures") ? fixtures : results).add(record);
                }
            }
        }
    }
}
