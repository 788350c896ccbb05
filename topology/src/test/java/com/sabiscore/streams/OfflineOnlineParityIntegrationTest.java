package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.backtest.BacktestCommand;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.RealHistory;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.replay.HistoryReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Offline equals online: a season replayed through a real broker yields, for every fixture, exactly
 * the final pre-kick-off prediction the backtest computes for it — same probabilities to the last
 * bit, same head, same model version.
 */
class OfflineOnlineParityIntegrationTest {

    private static final String HISTORY_SEASON = "2022-23";
    private static final String EVALUATED_SEASON = "2023-24";

    @TempDir
    Path work;

    @Test
    void shouldPublishExactlyTheBacktestsPredictionForEveryFixture() throws Exception {
        Path real = RealHistory.football().resolve("E0");
        Path england = work.resolve("england");
        link(real.resolve(HISTORY_SEASON + ".csv"), england.resolve("E0"));
        link(real.resolve(EVALUATED_SEASON + ".csv"), england.resolve("E0"));
        Path predictionsCsv = work.resolve("backtest-predictions.csv");
        int exit = new CommandLine(new BacktestCommand()).execute("--data", england.toString(), "--history", HISTORY_SEASON,
                "--evaluate", EVALUATED_SEASON, "--json", work.resolve("backtest.json").toString(),
                "--predictions", predictionsCsv.toString());
        assertThat(exit).isZero();
        Map<String, List<String>> offline = readBacktestPredictions(predictionsCsv);

        List<HistoricalMatch> matches = HistoryLoader.load(england);
        Map<String, Prediction> online = replayThroughTheStream(matches);

        assertThat(offline).hasSize(380);
        for (Map.Entry<String, List<String>> expected : offline.entrySet()) {
            Prediction streamed = online.get(expected.getKey());
            assertThat(streamed).as(expected.getKey()).isNotNull();
            List<String> row = expected.getValue();
            assertThat(streamed.getHomeWinProb()).as(expected.getKey()).isEqualTo(Double.parseDouble(row.get(0)));
            assertThat(streamed.getDrawProb()).as(expected.getKey()).isEqualTo(Double.parseDouble(row.get(1)));
            assertThat(streamed.getAwayWinProb()).as(expected.getKey()).isEqualTo(Double.parseDouble(row.get(2)));
            assertThat(streamed.getHead()).isEqualTo(row.get(3));
            assertThat(streamed.getModelVersion()).isEqualTo(row.get(4));
        }
    }

    /** The last version published before each fixture's kick-off. */
    private Map<String, Prediction> replayThroughTheStream(List<HistoricalMatch> matches) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
             FixturePredictor predictor = FixturePredictor.withDefaults()) {
            AppConfig config = AppConfig.of(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "state.dir", work.resolve("state").toString(),
                    "topic.partitions", "2",
                    "http.port", "0"));
            try (Admin admin = Admin.create(config.adminProperties())) {
                new TopicProvisioner(admin).provision(config);
            }
            try (KafkaStreams streams = new KafkaStreams(PredictionTopology.build(config, predictor, PipelineObserver.NONE),
                    config.streamsProperties());
                 PredictionsTopicReader reader = new PredictionsTopicReader(broker.bootstrapServers(), config.predictionsTopic(),
                         config.topicPartitions())) {
                CountDownLatch running = new CountDownLatch(1);
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.RUNNING) {
                        running.countDown();
                    }
                });
                streams.start();
                assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
                try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
                    new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic())
                            .replay(MatchTimeline.of(matches, Duration.ZERO), 1_000, progress -> { });
                }
                List<ConsumerRecord<String, Prediction>> records = reader.readUntil(
                        seen -> seen.stream().map(ConsumerRecord::key).distinct().count() == matches.size(), Duration.ofMinutes(3));
                Map<String, Prediction> latestBeforeKickoff = new HashMap<>();
                for (ConsumerRecord<String, Prediction> record : records) {
                    Prediction p = record.value();
                    if (!p.getAsOf().isAfter(p.getKickoff())) {
                        latestBeforeKickoff.merge(p.getFixtureId(), p, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
                    }
                }
                return latestBeforeKickoff;
            }
        }
    }

    /** fixture id → home, draw, away, head, model version, as the backtest wrote them. */
    private static Map<String, List<String>> readBacktestPredictions(Path csv) throws IOException {
        Map<String, List<String>> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("fixture_id,home_win_prob,draw_prob,away_win_prob,head,model_version");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            rows.put(cells[0], List.of(cells[1], cells[2], cells[3], cells[4], cells[5]));
        }
        return rows;
    }

    private static void link(Path seasonFile, Path divisionDir) throws IOException {
        Files.createDirectories(divisionDir);
        Files.createSymbolicLink(divisionDir.resolve(seasonFile.getFileName()), seasonFile.toAbsolutePath());
    }
}
