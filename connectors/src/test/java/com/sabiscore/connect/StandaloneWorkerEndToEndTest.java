package com.sabiscore.connect;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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

import com.sabiscore.data.FootballDataCsv;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.RealHistory;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.download.FootballDataSite;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.codec.AvroCodec;

/**
 * The connectors in a real Kafka Connect standalone worker against a real broker, both in this JVM,
 * configured the way {@code docs/connectors.md} says: one Premier League season goes in as a feed
 * file and comes out as 380 fixtures and 380 results on the competition's partition; the live feed
 * follows a loopback football-data site.
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

    @Test
    void shouldRunTheLiveFeedConnectorAgainstTheSiteItFollows() throws Exception {
        // given a site with the season in progress: two E0 results, one unreadable row, one coming fixture
        int season = SeasonRange.seasonInProgress(LocalDate.now(FootballDataReader.UK));
        try (FootballDataSite site = FootballDataSite.start()) {
            site.serve(FootballDataSite.seasonPath("E0", season), FootballDataCsv.ofLines(
                    FootballDataCsv.row(aMatch().home("Arsenal").away("Wolves").on(season + "-08-17").score(2, 0).build()),
                    "E0,17/08/" + season + ",15:00,Everton,Brighton,one,3,A,,,,,",
                    FootballDataCsv.row(aMatch().home("Brighton").away("Everton").on(season + "-08-24").score(3, 0).build())));
            site.serve("/fixtures.csv", FootballDataCsv.fixtures(
                    aMatch().home("Arsenal").away("Chelsea").on((season + 1) + "-05-20").odds(2.1, 3.5, 3.6).fixture()));

            // when a standalone worker runs the live connector, configured as docs/connectors.md says
            connect = new ConnectStandalone().startConnect(workerProperties());
            FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
            connect.herder().putConnectorConfig("football-data-live", Map.of(
                    "name", "football-data-live",
                    "connector.class", LiveFeedSourceConnector.class.getName(),
                    "tasks.max", "1",
                    "feed.url", site.base().toString(),
                    "divisions", "E0",
                    "topic.partitions", String.valueOf(PARTITIONS),
                    "topic.creation.default.partitions", String.valueOf(PARTITIONS),
                    "topic.creation.default.replication.factor", "1"), false, created);
            created.get(30, TimeUnit.SECONDS);

            // then the results, the fixture and the row's dead letter arrive, the events on E0's partition
            List<ConsumerRecord<String, byte[]>> fixtures = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> results = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            consume(Map.of("sabiscore.fixtures", fixtures, "sabiscore.results", results, "sabiscore.dead-letters", deadLetters),
                    () -> fixtures.size() >= 1 && results.size() >= 2 && deadLetters.size() >= 1);
            int e0Partition = CompetitionPartition.of("E0", PARTITIONS);
            assertThat(results).extracting(ConsumerRecord::key, ConsumerRecord::partition).containsExactly(
                    tuple("E0:" + season + "-08-17:Arsenal:Wolves", e0Partition),
                    tuple("E0:" + season + "-08-24:Brighton:Everton", e0Partition));
            assertThat(fixtures).extracting(ConsumerRecord::key).containsExactly("E0:" + (season + 1) + "-05-20:Arsenal:Chelsea");
            assertThat(AvroCodec.of(DeadLetter.class).decode(deadLetters.get(0).value()).getReason())
                    .contains("data row 2").contains("FTHG");
        }
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
        consume(Map.of("sabiscore.fixtures", fixtures, "sabiscore.results", results),
                () -> fixtures.size() >= each && results.size() >= each);
    }

    /** Reads each topic into its list until {@code done} or the delivery timeout. */
    private void consume(Map<String, List<ConsumerRecord<String, byte[]>>> topics, BooleanSupplier done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the topics appear only when the worker sends its first records: look for them often
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.copyOf(topics.keySet()));
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    topics.get(record.topic()).add(record);
                }
            }
        }
    }
}
