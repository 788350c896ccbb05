package com.sabiscore.query;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.features.StateCodec;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.prediction.CommittedModel;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.streams.ActiveTaskStores;
import com.sabiscore.streams.PipelineObserver;
import com.sabiscore.streams.PredictionTopology;
import com.sabiscore.streams.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The active task's stores as the topology reports them, under TopologyTestDriver (one task, partition 0). */
class ActiveCopiesTest {

    @RegisterExtension
    static final CommittedModel MODEL = new CommittedModel();

    @TempDir
    Path stateDir;

    private final ActiveCopies copies = new ActiveCopies();
    private AppConfig config;
    private TopologyTestDriver driver;
    private boolean closed;

    @BeforeEach
    void startTopology() {
        startTopology(copies);
    }

    private void startTopology(PipelineObserver observer) {
        if (driver != null) {
            driver.close();
        }
        config = AppConfig.of(Map.of(
                "kafka.bootstrap.servers", "test-driver:9092",
                "state.dir", stateDir.toString(),
                "topic.partitions", "1",
                // fixtures scored as they arrive: what the stores hold, not when exactly-once releases them, is tested here
                "processing.guarantee", "at_least_once",
                "max.task.idle.ms", "0"));
        driver = new TopologyTestDriver(PredictionTopology.build(config, MODEL.predictor(), observer), config.streamsProperties());
    }

    @AfterEach
    void closeDriver() {
        if (!closed) {
            driver.close();
        }
    }

    @Test
    void shouldReadWhatTheStreamWroteFromTheRunningTasksStores() {
        // given
        Fixture played = aFixtureEvent().home("Arsenal").away("Fulham").kickoff("2023-10-21T14:00:00Z").build();
        Fixture next = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build();
        pipe(played);
        pipe(next);
        pipe(resultOf(played).score(5, 0).build());

        // when
        Optional<Optional<Object>> prediction = copies.get(StoreNames.PREDICTIONS, next.getFixtureId(), 0);
        Optional<Optional<Object>> arsenal = copies.get(StoreNames.TEAM_STATE, TeamStateSource.teamKey("E0", "Arsenal"), 0);

        // then
        assertThat(prediction).contains(Optional.of(driver.getKeyValueStore(StoreNames.PREDICTIONS).get(next.getFixtureId())));
        assertThat(arsenal).hasValueSatisfying(value ->
                assertThat(StateCodec.decodeTeam((byte[]) value.orElseThrow()).matchesPlayed()).isEqualTo(1));
        assertThat(copies.get(StoreNames.LEAGUE_STATE, "E0", 0)).hasValueSatisfying(value -> assertThat(value).isPresent());
    }

    @Test
    void shouldSayWhenTheOpenCopyLacksAKey() {
        assertThat(copies.get(StoreNames.PREDICTIONS, "E0:2023-10-21:Everton:Fulham", 0)).contains(Optional.empty());
    }

    @Test
    void shouldAnswerNothingForAPartitionOrStoreNotOpenHere() {
        assertThat(copies.get(StoreNames.PREDICTIONS, "E0:2023-10-21:Everton:Fulham", 1)).isEmpty();
        assertThat(copies.get(StoreNames.FIXTURE_STATUS, "E0:2023-10-21:Everton:Fulham", 0)).isEmpty();
    }

    @Test
    void shouldForgetTheStoresOnceTheTaskCloses() {
        // given
        assertThat(copies.isOpen(0)).isTrue();

        // when
        driver.close();
        closed = true;

        // then
        assertThat(copies.get(StoreNames.PREDICTIONS, "E0:2023-10-21:Everton:Fulham", 0)).isEmpty();
        assertThat(copies.isOpen(0)).isFalse();
    }

    @Test
    void shouldNotCallAPartitionOpenBeforeItsTaskReportsItsStores() {
        assertThat(copies.isOpen(1)).isFalse();
    }

    @Test
    void shouldRefuseReadsFromStoresKeptPastTheirTasksClose() {
        // given: a reader that took the stores just before the task closed
        AtomicReference<ActiveTaskStores> taken = new AtomicReference<>();
        startTopology(copies.andThen(new PipelineObserver() {
            @Override
            public void activeTaskOpened(ActiveTaskStores stores) {
                taken.set(stores);
            }
        }));

        // when
        driver.close();
        closed = true;

        // then
        assertThatThrownBy(() -> taken.get().predictions().get("E0:2023-10-21:Everton:Fulham"))
                .isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void shouldKeepATaskThatOpenedSinceWhenAnEarlierOneOfTheSamePartitionCloses() {
        // given: partition 0 opened again (e.g. on another stream thread) before the earlier opening reports closing
        ActiveTaskStores earlier = new ActiveTaskStores(0, null, null, null);
        copies.activeTaskOpened(earlier);
        ActiveTaskStores later = new ActiveTaskStores(0, driver.getKeyValueStore(StoreNames.PREDICTIONS), null, null);
        copies.activeTaskOpened(later);

        // when
        copies.activeTaskClosed(earlier);

        // then
        assertThat(copies.get(StoreNames.PREDICTIONS, "E0:2023-10-21:Everton:Fulham", 0)).contains(Optional.empty());
    }

    private void pipe(Fixture fixture) {
        driver.createInputTopic(config.fixturesTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(fixture.getFixtureId(), EventSerdes.fixture().serializer().serialize("", fixture), fixture.getKickoff());
    }

    private void pipe(MatchResult result) {
        driver.createInputTopic(config.resultsTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(result.getFixtureId(), EventSerdes.result().serializer().serialize("", result),
                        result.getKickoff().plus(Duration.ofHours(2)));
    }
}
