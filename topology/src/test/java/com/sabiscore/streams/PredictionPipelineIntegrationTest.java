package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.RealHistory;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.replay.HistoryReplayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real single-node KRaft broker with exactly-once processing: a replayed season
 * comes out whole, and an instance that stops mid-replay and restarts on an empty state folder
 * (so its stores restore from the changelogs) publishes exactly what an uninterrupted one does.
 */
class PredictionPipelineIntegrationTest {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(3);
    /** Long enough for every pending commit (EOS commits every 100 ms) to land. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @TempDir
    static Path workDir;

    private static EmbeddedKafkaBroker broker;
    private static FixturePredictor predictor;
    private static List<HistoricalMatch> season;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        loadModelAndSeason();
    }

    static void loadModelAndSeason() throws Exception {
        predictor = FixturePredictor.withDefaults();
        season = HistoryLoader.load(RealHistory.football(), Set.of("E0"), SeasonRange.parse("2023-24"));
    }

    @AfterAll
    static void stopBroker() {
        closeModel();
        broker.close();
    }

    static void closeModel() {
        predictor.close();
    }

    @Test
    void shouldPredictEveryFixtureOfAReplayedSeasonExactlyOnce() throws Exception {
        assertSeasonPredictedExactlyOnce(config("season", "season-app"));
    }

    /** Replays one season into {@code config}'s cluster and checks every fixture gets exactly one prediction. */
    static void assertSeasonPredictedExactlyOnce(AppConfig config) throws Exception {
        provision(config);
        try (KafkaStreams streams = startStreams(config);
             PredictionsTopicReader reader = new PredictionsTopicReader(config.kafkaBootstrapServers(), config.predictionsTopic(), config.topicPartitions())) {
            publish(config, MatchTimeline.of(season, Duration.ZERO));

            reader.readUntil(seen -> distinctFixtures(seen) == season.size(), PROCESSING_TIMEOUT);
            List<ConsumerRecord<String, Prediction>> all = reader.drain(QUIET);

            // fixtures arrive at kick-off, so no result can re-score them: one version each
            assertThat(all).hasSize(season.size());
            assertThat(all).allSatisfy(record -> {
                assertThat(record.value().getVersion()).isEqualTo(1);
                assertThat(record.key()).isEqualTo(record.value().getFixtureId());
                assertThat(record.value().getHead()).isEqualTo("with_odds");
            });
        }
    }

    @Test
    void shouldResumeAfterARestartWithoutLosingOrDuplicatingAPredictionVersion() throws Exception {
        // fixtures a week ahead: results re-score pending fixtures, so versions climb past 1
        List<MatchTimeline.Event> events = MatchTimeline.of(season.subList(0, 120), Duration.ofDays(7));
        AppConfig restarted = config("restart", "restarted-app");
        AppConfig reference = config("restart", "reference-app");
        provision(restarted);
        provision(reference);
        int half = events.size() / 2;

        publish(restarted, events.subList(0, half));
        try (KafkaStreams first = startStreams(restarted);
             PredictionsTopicReader reader = new PredictionsTopicReader(broker.bootstrapServers(), restarted.predictionsTopic(), restarted.topicPartitions())) {
            reader.readUntil(seen -> seen.size() >= 10, PROCESSING_TIMEOUT);
            first.close(Duration.ofSeconds(30));
        }
        publish(restarted, events.subList(half, events.size()));
        // a new state folder: every store must come back from its changelog topic
        AppConfig restartedElsewhere = withStateDir(restarted, workDir.resolve("restarted-state-2"));
        Map<String, List<Prediction>> expected;
        try (KafkaStreams uninterrupted = startStreams(reference);
             PredictionsTopicReader reader = new PredictionsTopicReader(broker.bootstrapServers(), reference.predictionsTopic(), reference.topicPartitions())) {
            reader.readUntil(seen -> distinctFixtures(seen) == 120, PROCESSING_TIMEOUT);
            expected = byFixture(reader.drain(QUIET));
        }
        try (KafkaStreams second = startStreams(restartedElsewhere);
             PredictionsTopicReader reader = new PredictionsTopicReader(broker.bootstrapServers(), restarted.predictionsTopic(), restarted.topicPartitions())) {
            int expectedCount = expected.values().stream().mapToInt(List::size).sum();
            reader.readUntil(seen -> seen.size() >= expectedCount, PROCESSING_TIMEOUT);
            Map<String, List<Prediction>> actual = byFixture(reader.drain(QUIET));

            // restored from changelogs stamped with the broker's append time, not the events' (see AppConfig)
            assertThat(timestampType(restarted, restarted.applicationId() + "-" + StoreNames.PREDICTIONS + "-changelog")).isEqualTo("LogAppendTime");
            assertThat(expected.values().stream().mapToLong(List::size).max().orElseThrow()).isGreaterThan(1);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String fixture : expected.keySet()) {
                assertThat(versions(actual.get(fixture))).as(fixture).isEqualTo(versions(expected.get(fixture)));
                assertThat(probabilities(actual.get(fixture))).as(fixture).isEqualTo(probabilities(expected.get(fixture)));
            }
        }
    }

    private static AppConfig config(String inputPrefix, String applicationId) {
        return config(broker.bootstrapServers(), workDir, inputPrefix, applicationId);
    }

    static AppConfig config(String bootstrapServers, Path workDir, String inputPrefix, String applicationId) {
        return AppConfig.of(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "application.id", applicationId,
                "state.dir", workDir.resolve(applicationId + "-state").toString(),
                "topic.fixtures", inputPrefix + ".fixtures",
                "topic.results", inputPrefix + ".results",
                "topic.predictions", applicationId + ".predictions",
                "topic.dead-letters", applicationId + ".dead-letters",
                "topic.partitions", "3",
                // held results leave when later fixtures arrive, never by the wall clock: runs compared with each other
                // must not depend on how fast this machine processes them
                "result.hold.grace.ms", "3600000",
                "http.port", "0"));
    }

    private static AppConfig withStateDir(AppConfig config, Path stateDir) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", config.kafkaBootstrapServers(),
                "application.id", config.applicationId(),
                "state.dir", stateDir.toString(),
                "topic.fixtures", config.fixturesTopic(),
                "topic.results", config.resultsTopic(),
                "topic.predictions", config.predictionsTopic(),
                "topic.dead-letters", config.deadLettersTopic(),
                "topic.partitions", Integer.toString(config.topicPartitions()),
                "result.hold.grace.ms", Long.toString(config.resultHoldGraceMs()),
                "http.port", "0"));
        return AppConfig.of(settings);
    }

    private static String timestampType(AppConfig config, String topic) throws Exception {
        try (Admin admin = Admin.create(config.adminProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value();
        }
    }

    private static void provision(AppConfig config) {
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin).provision(config);
        }
    }

    private static void publish(AppConfig config, List<MatchTimeline.Event> events) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic()).replay(events, 1_000, progress -> { });
        }
    }

    private static KafkaStreams startStreams(AppConfig config) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(PredictionTopology.build(config, predictor, PipelineObserver.NONE), config.streamsProperties());
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        assertThat(running.await(60, TimeUnit.SECONDS)).as("streams RUNNING").isTrue();
        return streams;
    }

    private static long distinctFixtures(List<ConsumerRecord<String, Prediction>> seen) {
        return seen.stream().map(ConsumerRecord::key).distinct().count();
    }

    private static Map<String, List<Prediction>> byFixture(List<ConsumerRecord<String, Prediction>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.groupingBy(
                Prediction::getFixtureId, TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), list -> {
                    List<Prediction> sorted = new ArrayList<>(list);
                    sorted.sort(Comparator.comparingLong(Prediction::getVersion));
                    return sorted;
                })));
    }

    private static List<Long> versions(List<Prediction> predictions) {
        return predictions.stream().map(Prediction::getVersion).toList();
    }

    private static List<List<Double>> probabilities(List<Prediction> predictions) {
        return predictions.stream().map(p -> List.of(p.getHomeWinProb(), p.getDrawProb(), p.getAwayWinProb())).toList();
    }
}
