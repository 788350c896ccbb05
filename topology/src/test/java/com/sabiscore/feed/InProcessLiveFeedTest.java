package com.sabiscore.feed;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sabiscore.app.SabiScoreApp;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.FootballDataCsv;
import com.sabiscore.data.ManualClock;
import com.sabiscore.data.download.FootballDataSite;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.MatchBuilder;
import com.sabiscore.serde.EventSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app following a loopback football-data site live: the live feed task runs in-process against
 * the app's embedded broker, on a clock the test moves, and the stream predicts what it publishes.
 */
class InProcessLiveFeedTest {

    private static final String E0 = FootballDataSite.seasonPath("E0", 2024);
    private static final String FIXTURES_CSV = "/fixtures.csv";
    private static final String ARSENAL_CHELSEA = "E0:2024-09-14:Arsenal:Chelsea";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /* a Tuesday early in 2024-25 */
    private final ManualClock clock = ManualClock.at("2024-09-10T12:00:00Z");
    private final FootballDataSite site = FootballDataSite.start();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        site.close();
    }

    @Test
    void shouldPredictAnAnnouncedFixtureAndRescoreItWhenATeamsEarlierResultComesInPublishingEveryMatchOnce() throws Exception {
        // given the season so far on the site, and the app following it
        site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build()));
        site.serve(FIXTURES_CSV, FootballDataCsv.fixtures(arsenalChelsea().fixture(), evertonWolves().fixture()));
        SabiScoreApp app = start(SabiScoreApp.start(AppConfig.of(Map.of(
                "embedded.broker.dir", dir.resolve("kafka").toString(),
                "embedded.broker.port", "0",
                "state.dir", dir.resolve("state").toString(),
                "http.port", "0",
                // nothing turns hot: the test leaves no prediction in the shared Redis
                "hotkey.threshold", "1000000",
                "hotkey.horizon.hours", "0",
                // a fixture ahead of the quiet results topic waits this long (wall-clock), not 30 s
                "result.hold.grace.ms", "1000",
                "feed.divisions", "E0"))));
        assertThat(app.awaitRunning(WAIT)).isTrue();
        AppConfig config = app.config();
        InProcessLiveFeed feed = start(InProcessLiveFeed.of(config, site.base(), clock));
        feed.start();

        // then fixtures.csv's fixture is predicted from the results so far
        try (TopicReader<Prediction> predictions = new TopicReader<>(config, config.predictionsTopic(),
                EventSerdes.prediction().deserializer())) {
            Prediction first = predictions.await(ARSENAL_CHELSEA, p -> p.getVersion() == 1).value();
            assertThat(first.getAsOf()).isEqualTo(clock.instant());

            // when Chelsea's earlier result shows up on the site, at the next poll
            site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build(), chelseaPalace().build()));
            clock.advance(Duration.ofMinutes(10));

            // then the fixture is re-scored as of that result
            Prediction rescored = predictions.await(ARSENAL_CHELSEA, p -> p.getVersion() == 2).value();
            assertThat(rescored.getAsOf()).isEqualTo(Instant.parse("2024-09-08T14:50:30Z"));
            assertThat(rescored.getHomeWinProb()).isNotEqualTo(first.getHomeWinProb());

            // when the feed stops with the app's shutdown, and a new one starts once the match is played
            feed.close();
            clock.set(Instant.parse("2024-09-14T20:00:00Z"));
            site.serve(E0, FootballDataCsv.of(arsenalWolves().build(), brightonEverton().build(), chelseaPalace().build(),
                    arsenalChelsea().build()));
            InProcessLiveFeed restarted = start(InProcessLiveFeed.of(config, site.base(), clock));
            restarted.start();

            // then only the new result is published, and every match reached the topics once
            try (TopicReader<byte[]> results = new TopicReader<>(config, config.resultsTopic(), new ByteArrayDeserializer());
                 TopicReader<byte[]> fixtures = new TopicReader<>(config, config.fixturesTopic(), new ByteArrayDeserializer())) {
                results.await(ARSENAL_CHELSEA, any -> true);
                assertThat(results.drain(Duration.ofSeconds(3))).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                        "E0:2024-08-17:Arsenal:Wolves", "E0:2024-08-24:Brighton:Everton",
                        "E0:2024-09-08:Chelsea:Crystal Palace", ARSENAL_CHELSEA);
                assertThat(fixtures.drain(Duration.ZERO)).extracting(ConsumerRecord::key)
                        .containsExactlyInAnyOrder(ARSENAL_CHELSEA, "E0:2024-09-15:Everton:Wolves");
            }
            // and its result re-scores nothing more: two versions of the fixture in all
            assertThat(predictions.drain(Duration.ofSeconds(3))).filteredOn(record -> record.key().equals(ARSENAL_CHELSEA))
                    .extracting(record -> record.value().getVersion(), record -> record.value().getAsOf())
                    .containsExactly(tuple(1L, first.getAsOf()), tuple(2L, rescored.getAsOf()));
        }
    }

    private static MatchBuilder arsenalWolves() {
        return aMatch().home("Arsenal").away("Wolves").on("2024-08-17").at("15:00").score(2, 0).odds(1.2, 7.0, 13.0);
    }

    private static MatchBuilder brightonEverton() {
        return aMatch().home("Brighton").away("Everton").on("2024-08-24").at("15:00").score(3, 0).odds(1.6, 4.2, 5.5);
    }

    private static MatchBuilder chelseaPalace() {
        return aMatch().home("Chelsea").away("Crystal Palace").on("2024-09-08").at("14:00").score(0, 3).odds(1.5, 4.5, 6.0);
    }

    private static MatchBuilder arsenalChelsea() {
        return aMatch().home("Arsenal").away("Chelsea").on("2024-09-14").at("17:30").score(1, 1).odds(2.1, 3.5, 3.6);
    }

    private static MatchBuilder evertonWolves() {
        return aMatch().home("Everton").away("Wolves").on("2024-09-15").at("14:00").odds(2.4, 3.3, 3.0);
    }

    private <T extends AutoCloseable> T start(T closeable) {
        running.add(closeable);
        return closeable;
    }

    /** A topic read from the beginning as a downstream consumer reads it: committed records only. */
    private static final class TopicReader<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

        TopicReader(AppConfig config, String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
            Properties props = config.consumerProperties();
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < config.topicPartitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The first record of {@code key} that satisfies {@code wanted}, read within a minute. */
        ConsumerRecord<String, V> await(String key, Predicate<V> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                for (ConsumerRecord<String, V> record : seen) {
                    if (record.key().equals(key) && wanted.test(record.value())) {
                        return record;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no such record of " + key + " within " + WAIT + "; read: " + seen);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }

        /** Everything read so far and whatever arrives within {@code quiet} more. */
        List<ConsumerRecord<String, V>> drain(Duration quiet) {
            long deadline = System.nanoTime() + quiet.toNanos();
            do {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            } while (System.nanoTime() < deadline);
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
