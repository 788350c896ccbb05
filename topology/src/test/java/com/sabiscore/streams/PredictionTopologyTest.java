package com.sabiscore.streams;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.prediction.CommittedModel;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole topology under TopologyTestDriver, with the real feature engine and the committed ONNX ensemble. */
class PredictionTopologyTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    @RegisterExtension
    static final CommittedModel MODEL = new CommittedModel();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> fixtures;
    private TestInputTopic<String, byte[]> results;
    private TestOutputTopic<String, Prediction> predictions;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    /**
     * The test driver feeds every record to partition 0, so a single partition keeps the partition
     * check satisfied. Records are piped in order, so the task need not idle for the other topic.
     * At-least-once scores a fixture as it arrives, which most tests here are about; what
     * exactly-once adds (a fixture waits for the results topic) has tests of its own below.
     */
    private void startWithPartitions(int partitions) {
        start(partitions, AppConfig.IN_MEMORY_STORES, "at_least_once");
    }

    private void startExactlyOnce() {
        start(1, AppConfig.IN_MEMORY_STORES, "exactly_once_v2");
    }

    private void start(int partitions, String storeType, String guarantee) {
        AppConfig config = AppConfig.of(Map.of(
                "kafka.bootstrap.servers", "test-driver:9092",
                "state.dir", stateDir.toString(),
                "state.store.type", storeType,
                "topic.partitions", Integer.toString(partitions),
                "processing.guarantee", guarantee,
                "max.task.idle.ms", "0",
                "result.hold.grace.ms", Long.toString(GRACE.toMillis())));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(PredictionTopology.build(config, MODEL.predictor(), PipelineObserver.NONE), props);
        fixtures = driver.createInputTopic(config.fixturesTopic(), new StringSerializer(), new ByteArraySerializer());
        results = driver.createInputTopic(config.resultsTopic(), new StringSerializer(), new ByteArraySerializer());
        predictions = driver.createOutputTopic(config.predictionsTopic(), new StringDeserializer(),
                EventSerdes.prediction().deserializer());
        deadLetters = driver.createOutputTopic(config.deadLettersTopic(), new StringDeserializer(),
                EventSerdes.deadLetter().deserializer());
    }

    @Test
    void shouldPublishAFirstPredictionWhenAFixtureArrives() {
        startWithPartitions(1);
        Fixture fixture = aFixtureEvent().odds("B365", 2.10, 3.40, 3.60).build();

        pipeFixture(fixture);

        List<Prediction> out = predictions.readValuesToList();
        assertThat(out).hasSize(1);
        Prediction prediction = out.get(0);
        assertThat(prediction.getFixtureId()).isEqualTo(fixture.getFixtureId());
        assertThat(prediction.getVersion()).isEqualTo(1);
        assertThat(prediction.getHomeWinProb() + prediction.getDrawProb() + prediction.getAwayWinProb()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(prediction.getHead()).isEqualTo("with_odds");
        assertThat(prediction.getAsOf()).isEqualTo(fixture.getKickoff());
        assertThat(prediction.getSourceOffsets()).singleElement()
                .satisfies(offset -> assertThat(offset.getTopic()).isEqualTo("sabiscore.fixtures"));
        assertThat(predictionStore().get(fixture.getFixtureId())).isEqualTo(prediction);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldScoreAFixtureWithoutOddsWithTheNoOddsHead() {
        startWithPartitions(1);
        pipeFixture(aFixtureEvent().build());

        assertThat(predictions.readValue().getHead()).isEqualTo("without_odds");
    }

    @Test
    void shouldRescorePendingFixturesOfBothTeamsWhenAResultArrives() {
        startWithPartitions(1);
        Fixture arsenalChelsea = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        Fixture spursArsenal = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        Fixture evertonBrighton = aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(arsenalChelsea);
        pipeFixture(spursArsenal);
        pipeFixture(evertonBrighton);
        Map<String, Prediction> before = predictions.readKeyValuesToMap();

        // Arsenal's previous match was never announced as a fixture: its result still moves the ratings
        Fixture unannounced = aFixtureEvent().home("Arsenal").away("Fulham").kickoff("2023-10-21T14:00:00Z").build();
        MatchResult arsenalWin = resultOf(unannounced).score(5, 0).build();
        pipeResult(arsenalWin);

        Map<String, Prediction> after = predictions.readKeyValuesToMap();
        assertThat(after).containsOnlyKeys(arsenalChelsea.getFixtureId(), spursArsenal.getFixtureId());
        for (Prediction rescored : after.values()) {
            Prediction first = before.get(rescored.getFixtureId());
            assertThat(rescored.getVersion()).isEqualTo(2);
            assertThat(rescored.getFeatureHash()).isNotEqualTo(first.getFeatureHash());
            assertThat(rescored.getAsOf()).isEqualTo(arsenalWin.getKickoff().plus(java.time.Duration.ofHours(2)));
            assertThat(rescored.getSourceOffsets()).hasSize(2);
            assertThat(rescored.getSourceOffsets().get(1).getTopic()).isEqualTo("sabiscore.results");
        }
        assertThat(after.get(arsenalChelsea.getFixtureId()).getHomeWinProb())
                .isGreaterThan(before.get(arsenalChelsea.getFixtureId()).getHomeWinProb());
        assertThat(teamStore().get("E0:Fulham")).isNotNull();
    }

    @Test
    void shouldPredictTheSameWithTheStoresInMemoryOrInRocksDb() {
        Fixture arsenalChelsea = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        Fixture spursArsenal = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        Map<String, List<Prediction>> byStoreType = new LinkedHashMap<>();
        for (String storeType : List.of(AppConfig.ROCKSDB_STORES, AppConfig.IN_MEMORY_STORES)) {
            start(1, storeType, "at_least_once");
            pipeFixture(arsenalChelsea);
            pipeFixture(spursArsenal);
            pipeResult(resultOf(arsenalChelsea).score(2, 1).build());

            byStoreType.put(storeType, predictions.readValuesToList());
            boolean onDisk = storeType.equals(AppConfig.ROCKSDB_STORES);
            assertThat(List.of(teamStore().persistent(), predictionStore().persistent())).containsOnly(onDisk);
            driver.close();
            driver = null;
        }

        // two first versions, then the re-score of the Arsenal fixture still pending
        assertThat(byStoreType.get(AppConfig.ROCKSDB_STORES)).extracting(Prediction::getVersion).containsExactly(1L, 1L, 2L);
        assertThat(byStoreType.get(AppConfig.IN_MEMORY_STORES)).isEqualTo(byStoreType.get(AppConfig.ROCKSDB_STORES));
    }

    @Test
    void shouldIgnoreADuplicateResultUnderExactlyOnce() {
        startExactlyOnce();
        Fixture pending = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(pending, Instant.parse("2023-10-20T09:00:00Z"));
        MatchResult result = resultOf(aFixtureEvent().home("Arsenal").away("Fulham").build()).score(2, 1).build();
        pipeResult(result);
        driver.advanceWallClockTime(GRACE.plusSeconds(1));
        byte[] arsenalAfterFirst = teamStore().get("E0:Arsenal");
        assertThat(predictions.readValuesToList()).extracting(Prediction::getVersion).containsExactly(1L, 2L);

        pipeResult(result);
        driver.advanceWallClockTime(GRACE.plusSeconds(1));

        assertThat(predictions.isEmpty()).isTrue();
        assertThat(teamStore().get("E0:Arsenal")).isEqualTo(arsenalAfterFirst);
        assertThat(predictionStore().get(pending.getFixtureId()).getVersion()).isEqualTo(2);
    }

    @Test
    void shouldPublishAgainWhatADuplicateResultRescoredUnderAtLeastOnce() {
        // after a crash the changelogs may hold what the output lost: the result processed again re-publishes it
        startWithPartitions(1);
        Fixture pending = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(pending);
        MatchResult result = resultOf(aFixtureEvent().home("Arsenal").away("Fulham").build()).score(2, 1).build();
        pipeResult(result);
        byte[] arsenalAfterFirst = teamStore().get("E0:Arsenal");
        Prediction rescored = predictions.readValuesToList().get(1);

        pipeResult(result);

        assertThat(predictions.readValuesToList()).containsExactly(rescored);
        assertThat(teamStore().get("E0:Arsenal")).isEqualTo(arsenalAfterFirst);
        assertThat(predictionStore().get(pending.getFixtureId())).isEqualTo(rescored);
    }

    @Test
    void shouldPublishTheStoredVersionAgainWhenTheSameFixtureComesAgainUnderAtLeastOnce() {
        startWithPartitions(1);
        Fixture fixture = aFixtureEvent().home("Arsenal").away("Chelsea").build();
        pipeFixture(fixture);
        Prediction first = predictions.readValue();

        pipeFixture(fixture);

        // the same version, not a version 2 that would leave a version 1 lost in a crash missing for good
        assertThat(predictions.readValuesToList()).containsExactly(first);
    }

    @Test
    void shouldRescoreAFixtureAnnouncedAgainWithOtherOdds() {
        startWithPartitions(1);
        Fixture fixture = aFixtureEvent().home("Arsenal").away("Chelsea").build();
        pipeFixture(fixture);
        predictions.readValuesToList();

        pipeFixture(aFixtureEvent().home("Arsenal").away("Chelsea").odds("B365", 1.90, 3.60, 4.20).build());

        assertThat(predictions.readValuesToList()).extracting(Prediction::getVersion).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exactly_once_v2", "at_least_once"})
    void shouldNotScoreAFixtureThatIsAlreadyPlayed(String guarantee) {
        start(1, AppConfig.IN_MEMORY_STORES, guarantee);
        Fixture fixture = aFixtureEvent().build();
        pipeFixture(fixture);
        pipeResult(resultOf(fixture).score(1, 1).build());
        driver.advanceWallClockTime(GRACE.plusSeconds(1));
        Prediction preMatch = predictionStore().get(fixture.getFixtureId());
        predictions.readValuesToList();

        pipeFixture(fixture);
        driver.advanceWallClockTime(GRACE.plusSeconds(1));

        // under at-least-once the pre-match prediction is published again as it was, never re-scored
        assertThat(predictions.readValuesToList())
                .isEqualTo(guarantee.equals("at_least_once") ? List.of(preMatch) : List.of());
        assertThat(statusStore().get(fixture.getFixtureId())).satisfies(status -> {
            assertThat(status.isApplied()).isTrue();
            assertThat(status.isPending()).isFalse();
        });
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldSendUndecodableBytesToTheDeadLetterTopicAndKeepGoing() {
        startWithPartitions(1);
        byte[] garbage = "not an avro event".getBytes(StandardCharsets.UTF_8);
        fixtures.pipeInput("E0:2023-10-21:Arsenal:Chelsea", garbage, Instant.parse("2023-10-21T14:00:00Z"));
        Fixture valid = aFixtureEvent().build();
        pipeFixture(valid);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getOriginalValue().array()).isEqualTo(garbage);
        assertThat(new String(letter.getOriginalKey().array(), StandardCharsets.UTF_8)).isEqualTo("E0:2023-10-21:Arsenal:Chelsea");
        assertThat(letter.getSourceTopic()).isEqualTo("sabiscore.fixtures");
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(letter.getReason()).startsWith("undecodable sabiscore.fixtures event");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(predictions.readValue().getFixtureId()).isEqualTo(valid.getFixtureId());
    }

    static List<Arguments> invalidFixtures() {
        return List.of(
                Arguments.of("a team cannot play itself", aFixtureEvent().home("Arsenal").away("Arsenal").build(), "home team equals away team"),
                Arguments.of("competitions SabiScore does not know", aFixtureEvent().competition("XX9").build(), "competition"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void shouldSendSemanticallyInvalidFixturesToTheDeadLetterTopic(String why, Fixture invalid, String reasonMentions) {
        startWithPartitions(1);

        pipeFixture(invalid);

        assertThat(predictions.isEmpty()).isTrue();
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getReason()).containsIgnoringCase(reasonMentions);
        assertThat(letter.getErrorClass()).endsWith("InvalidEventException");
    }

    @Test
    void shouldRefuseAnEventOnAPartitionItsCompetitionDoesNotLiveOn() {
        startWithPartitions(6);
        String competition = List.of("E0", "D1", "I1", "SP1", "F1").stream()
                .filter(code -> new CompetitionPartitioner().partitionFor(code + ":x", 6) != 0)
                .findFirst().orElseThrow();
        Fixture misplaced = aFixtureEvent().competition(competition).build();

        pipeFixture(misplaced);

        assertThat(predictions.isEmpty()).isTrue();
        assertThat(deadLetters.readValue().getReason()).contains("CompetitionPartitioner");
    }

    @Test
    void shouldPredictAFixtureOvertakenByItsOwnResultOnceWithThePreMatchState() {
        startWithPartitions(1);
        Fixture earlier = aFixtureEvent().home("Arsenal").away("Fulham").kickoff("2023-10-21T14:00:00Z").build();
        MatchResult earlierResult = resultOf(earlier).score(3, 0).build();
        Fixture overtaken = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z")
                .odds("B365", 2.10, 3.40, 3.60).build();
        MatchResult overtakingResult = resultOf(overtaken).score(0, 2).build();
        pipeFixture(earlier);
        pipeResult(earlierResult);
        predictions.readValuesToList();

        pipeResult(overtakingResult);  // before its own fixture, as Kafka may deliver two partitions
        pipeFixture(overtaken);

        Prediction prediction = predictions.readValue();
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(prediction.getFixtureId()).isEqualTo(overtaken.getFixtureId());
        assertThat(prediction.getVersion()).isEqualTo(1);
        FixturePrediction backtest = backtestPrediction(List.of(earlierResult), overtaken);
        assertThat(prediction.getHomeWinProb()).isEqualTo(backtest.homeWinProb());
        assertThat(prediction.getDrawProb()).isEqualTo(backtest.drawProb());
        assertThat(prediction.getAwayWinProb()).isEqualTo(backtest.awayWinProb());
        assertThat(prediction.getFeatureHash()).isEqualTo(backtest.featureHash());

        // the next kick-off passes the held result's time: it is applied first, the played fixture is not re-scored
        Fixture next = aFixtureEvent().home("Chelsea").away("Everton").kickoff("2023-11-04T14:00:00Z").build();
        pipeFixture(next);

        assertThat(predictions.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getFixtureId()).isEqualTo(next.getFixtureId());
            assertThat(p.getFeatureHash()).isEqualTo(backtestPrediction(List.of(earlierResult, overtakingResult), next).featureHash());
        });
        assertThat(statusStore().get(overtaken.getFixtureId()).isPending()).isFalse();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldApplyHeldResultsInTimelineOrderBeforeTheFixtureThatPassesThem() {
        startWithPartitions(1);
        Fixture spursArsenal = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        pipeFixture(spursArsenal, Instant.parse("2023-10-20T09:00:00Z"));  // announced early: stays pending
        predictions.readValuesToList();
        MatchResult second = resultOf(aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build())
                .score(1, 0).build();
        MatchResult first = resultOf(aFixtureEvent().home("Fulham").away("Arsenal").kickoff("2023-10-21T14:00:00Z").build())
                .score(2, 2).build();

        pipeResult(second);  // both wait for the fixtures topic, and leave in timeline order
        pipeResult(first);
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(teamStore().get("E0:Arsenal")).isNull();
        pipeFixture(aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-29T14:00:00Z").build());

        List<Prediction> out = predictions.readValuesToList();
        assertThat(out).extracting(Prediction::getFixtureId).containsExactly(
                spursArsenal.getFixtureId(), spursArsenal.getFixtureId(), "E0:2023-10-29:Everton:Brighton");
        assertThat(out.get(1).getFeatureHash())
                .isEqualTo(backtestPrediction(List.of(first, second), spursArsenal).featureHash());
    }

    @Test
    void shouldApplyAResultHeldTwiceOnce() {
        startWithPartitions(1);
        Fixture pending = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(pending, Instant.parse("2023-10-20T09:00:00Z"));
        predictions.readValuesToList();
        MatchResult result = resultOf(aFixtureEvent().home("Arsenal").away("Fulham").build()).score(2, 1).build();

        pipeResult(result);
        pipeResult(result);  // redelivered while held
        results.pipeInput(result.getFixtureId(), EventSerdes.result().serializer().serialize("", result),
                result.getKickoff().plus(Duration.ofHours(3)));  // re-sent later, with another timestamp
        pipeFixture(aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-29T14:00:00Z").build());

        List<Prediction> rescored = predictions.readValuesToList().stream()
                .filter(p -> p.getFixtureId().equals(pending.getFixtureId())).toList();
        assertThat(rescored).singleElement().satisfies(p -> {
            assertThat(p.getVersion()).isEqualTo(2);
            assertThat(p.getFeatureHash()).isEqualTo(backtestPrediction(List.of(result), pending).featureHash());
        });
    }

    @Test
    void shouldKeepAMatchInOneStatusFromAnnouncedToHeldToApplied() {
        startWithPartitions(1);
        Fixture match = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        MatchResult result = resultOf(match).score(1, 0).build();

        pipeFixture(match);
        FixtureStatus announced = statusStore().get(match.getFixtureId());
        pipeResult(result);  // after the fixtures topic's time: held
        FixtureStatus held = statusStore().get(match.getFixtureId());
        pipeFixture(aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-29T14:00:00Z").build());
        FixtureStatus applied = statusStore().get(match.getFixtureId());

        assertThat(announced.isPending()).isTrue();
        assertThat(announced.heldResult()).isNull();
        assertThat(held.isPending()).isTrue();
        assertThat(held.heldResult().timestamp()).isEqualTo(result.getKickoff().plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(EventSerdes.result().deserializer().deserialize("", held.heldResult().event())).isEqualTo(result);
        assertThat(held.isApplied()).isFalse();
        assertThat(applied).isEqualTo(FixtureStatus.applied(result.getKickoff().plus(Duration.ofHours(2)).toEpochMilli()));
    }

    @Test
    void shouldApplyAHeldResultAfterTheGraceWhenNoLaterFixtureArrives() {
        startWithPartitions(1);
        Fixture pending = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        pipeFixture(pending, Instant.parse("2023-10-20T09:00:00Z"));
        predictions.readValuesToList();
        MatchResult result = resultOf(aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build())
                .score(1, 0).build();
        pipeResult(result);

        driver.advanceWallClockTime(GRACE.minusSeconds(2));
        assertThat(predictions.isEmpty()).isTrue();
        assertThat(teamStore().get("E0:Arsenal")).isNull();
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(predictions.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getFixtureId()).isEqualTo(pending.getFixtureId());
            assertThat(p.getVersion()).isEqualTo(2);
            assertThat(p.getAsOf()).isEqualTo(result.getKickoff().plus(Duration.ofHours(2)));
        });
        assertThat(teamStore().get("E0:Arsenal")).isNotNull();
        driver.advanceWallClockTime(GRACE);
        assertThat(predictions.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepHoldingAResultWhileFixturesKeepArrivingHoweverLongItTakes() {
        startWithPartitions(1);
        Fixture pending = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        pipeFixture(pending, Instant.parse("2023-10-20T09:00:00Z"));
        MatchResult result = resultOf(aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build())
                .score(1, 0).build();
        pipeResult(result);
        predictions.readValuesToList();

        // a backlogged stream: fixtures from before the result keep coming, slower than the grace in total
        for (int day = 21; day <= 27; day++) {
            driver.advanceWallClockTime(GRACE.dividedBy(2));
            pipeFixture(aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-" + day + "T12:00:00Z").build());
        }
        assertThat(predictions.readValuesToList()).noneMatch(p -> p.getFixtureId().equals(pending.getFixtureId()));
        assertThat(teamStore().get("E0:Arsenal")).isNull();

        driver.advanceWallClockTime(GRACE);  // then they stop: the result no longer waits

        assertThat(predictions.readValuesToList()).singleElement()
                .satisfies(p -> assertThat(p.getFixtureId()).isEqualTo(pending.getFixtureId()));
    }

    @Test
    void shouldHoldAFixtureAheadOfTheResultsTopicUntilTheResultsBeforeItAreApplied() {
        startExactlyOnce();
        Fixture earlier = aFixtureEvent().home("Arsenal").away("Fulham").kickoff("2023-10-21T14:00:00Z").build();
        MatchResult earlierResult = resultOf(earlier).score(3, 0).build();
        Fixture ahead = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(earlier);
        pipeFixture(ahead);  // before the result of the week before, as Kafka may deliver two partitions
        assertThat(predictions.readValuesToList()).extracting(Prediction::getFixtureId).isEmpty();

        pipeResult(earlierResult);

        // the result passes the first fixture, is applied, then passes nothing more: the second still waits
        assertThat(predictions.readValuesToList()).extracting(Prediction::getFixtureId).containsExactly(earlier.getFixtureId());
        pipeResult(resultOf(aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-28T14:00:00Z").build()).score(0, 0).build());
        assertThat(predictions.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getFixtureId()).isEqualTo(ahead.getFixtureId());
            assertThat(p.getVersion()).isEqualTo(1);
            assertThat(p.getFeatureHash()).isEqualTo(backtestPrediction(List.of(earlierResult), ahead).featureHash());
        });
        assertThat(statusStore().get(ahead.getFixtureId()).heldFixture()).isNull();
    }

    @Test
    void shouldScoreAHeldFixtureAfterTheGraceWhenTheResultsTopicIsQuiet() {
        startExactlyOnce();
        Fixture fixture = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipeFixture(fixture, Instant.parse("2023-10-20T09:00:00Z"));
        assertThat(statusStore().get(fixture.getFixtureId()).heldFixture()).isNotNull();

        driver.advanceWallClockTime(GRACE.minusSeconds(2));
        assertThat(predictions.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(predictions.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getFixtureId()).isEqualTo(fixture.getFixtureId());
            assertThat(p.getVersion()).isEqualTo(1);
        });
        assertThat(statusStore().get(fixture.getFixtureId()).isPending()).isTrue();
    }

    @Test
    void shouldPublishTheSameVersionsWhicheverInputTopicArrivesFirstUnderExactlyOnce() {
        // three match days of four clubs, each fixture announced two days ahead: pending fixtures get re-scored
        List<Fixture> matches = List.of(
                aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").build(),
                aFixtureEvent().home("Everton").away("Fulham").kickoff("2023-10-21T14:00:00Z").build(),
                aFixtureEvent().home("Chelsea").away("Everton").kickoff("2023-10-24T19:00:00Z").build(),
                aFixtureEvent().home("Fulham").away("Arsenal").kickoff("2023-10-25T19:00:00Z").build(),
                aFixtureEvent().home("Arsenal").away("Everton").kickoff("2023-10-28T14:00:00Z").build(),
                aFixtureEvent().home("Fulham").away("Chelsea").kickoff("2023-10-28T16:30:00Z").build());
        Duration lead = Duration.ofDays(5);
        Duration resultDelay = Duration.ofHours(2);
        record Event(Instant at, boolean result, Fixture match) {
        }
        List<Event> fixturesInOrder = matches.stream().map(m -> new Event(m.getKickoff().minus(lead), false, m)).toList();
        List<Event> resultsInOrder = matches.stream().map(m -> new Event(m.getKickoff().plus(resultDelay), true, m)).toList();
        List<Event> timeline = java.util.stream.Stream.concat(fixturesInOrder.stream(), resultsInOrder.stream())
                .sorted(java.util.Comparator.comparing(Event::at).thenComparing(e -> !e.result())).toList();
        Map<String, List<Event>> orders = new LinkedHashMap<>();
        orders.put("timeline", timeline);
        orders.put("fixtures first", java.util.stream.Stream.concat(fixturesInOrder.stream(), resultsInOrder.stream()).toList());
        orders.put("results first", java.util.stream.Stream.concat(resultsInOrder.stream(), fixturesInOrder.stream()).toList());
        List<List<String>> runs = new java.util.ArrayList<>();
        for (List<Event> order : orders.values()) {
            startExactlyOnce();
            for (Event event : order) {
                if (event.result()) {
                    pipeResult(resultOf(event.match()).score(event.match().getHomeTeam().length() % 3, 1).build());
                } else {
                    pipeFixture(event.match(), event.at());
                }
            }
            driver.advanceWallClockTime(GRACE.plusSeconds(1));  // then both topics go quiet
            runs.add(predictions.readValuesToList().stream()
                    .map(p -> p.getFixtureId() + " v" + p.getVersion() + " " + p.getAsOf() + " " + p.getFeatureHash()).toList());
            driver.close();
            driver = null;
        }

        assertThat(runs.get(0)).hasSizeGreaterThan(matches.size());
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }

    /** What the backtest computes: the results applied in order to in-memory state, then the fixture scored. */
    private static FixturePrediction backtestPrediction(List<MatchResult> results, Fixture fixture) {
        InMemoryTeamStates states = new InMemoryTeamStates();
        for (MatchResult result : results) {
            states.apply(MODEL.predictor().engine(), EventMapper.toDomain(result));
        }
        return MODEL.predictor().predict(states, EventMapper.toDomain(fixture));
    }

    private void pipeFixture(Fixture fixture) {
        pipeFixture(fixture, fixture.getKickoff());
    }

    private void pipeFixture(Fixture fixture, Instant announcedAt) {
        fixtures.pipeInput(fixture.getFixtureId(), EventSerdes.fixture().serializer().serialize("", fixture), announcedAt);
    }

    private void pipeResult(MatchResult result) {
        results.pipeInput(result.getFixtureId(), EventSerdes.result().serializer().serialize("", result),
                result.getKickoff().plus(java.time.Duration.ofHours(2)));
    }

    private KeyValueStore<String, Prediction> predictionStore() {
        return driver.getKeyValueStore(StoreNames.PREDICTIONS);
    }

    private KeyValueStore<String, FixtureStatus> statusStore() {
        return driver.getKeyValueStore(StoreNames.FIXTURE_STATUS);
    }

    private KeyValueStore<String, byte[]> teamStore() {
        return driver.getKeyValueStore(StoreNames.TEAM_STATE);
    }
}
