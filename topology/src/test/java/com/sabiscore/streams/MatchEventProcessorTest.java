package com.sabiscore.streams;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import com.sabiscore.prediction.CommittedModel;
import com.sabiscore.serde.EventSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The processor's start on stores that already hold state, as after a restart or a rebalance
 * (TopologyTestDriver always starts empty): what it must rebuild from the fixture statuses.
 */
class MatchEventProcessorTest {

    @RegisterExtension
    static final CommittedModel MODEL = new CommittedModel();

    private static final AppConfig CONFIG = AppConfig.of(Map.of(
            "kafka.bootstrap.servers", "mock:9092",
            "topic.partitions", "1",
            "processing.guarantee", "at_least_once",
            "result.hold.grace.ms", "30000"));

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private KeyValueStore<String, FixtureStatus> statuses;
    private KeyValueStore<String, byte[]> teams;

    @BeforeEach
    void addStores() {
        teams = addStore(StoreNames.TEAM_STATE, Serdes.ByteArray());
        addStore(StoreNames.LEAGUE_STATE, Serdes.ByteArray());
        statuses = addStore(StoreNames.FIXTURE_STATUS, FixtureStatus.serde());
        addStore(StoreNames.PREDICTIONS, EventSerdes.prediction());
        addStore(StoreNames.FIXTURES_STREAM_TIME, Serdes.Long());
    }

    @Test
    void shouldRebuildPendingFixturesAndHeldResultsFromTheFixtureStatusesWhenItStarts() {
        // given: a task closed with Tottenham v Arsenal pending and Arsenal's previous result held
        Fixture pending = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        MatchResult held = resultOf(aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build())
                .score(1, 0).build();
        long heldAt = Instant.parse("2023-10-28T16:00:00Z").toEpochMilli();
        statuses.put(pending.getFixtureId(), FixtureStatus.UNKNOWN.withFixture(encode(pending)));
        statuses.put(held.getFixtureId(), FixtureStatus.UNKNOWN.withHeldResult(new FixtureStatus.HeldEvent(
                heldAt, 0, 17L, EventSerdes.result().serializer().serialize("", held))));
        MatchEventProcessor processor = new MatchEventProcessor(TopologySettings.from(CONFIG), MODEL.predictor(), PipelineObserver.NONE);

        // when: it starts again, and the next fixture passes the held result's time
        context.setCurrentSystemTimeMs(Instant.parse("2026-12-05T00:00:00Z").toEpochMilli());
        processor.init(context);
        Fixture next = aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-29T14:00:00Z").build();
        context.setRecordMetadata(CONFIG.fixturesTopic(), 0, 5L);
        processor.process(new Record<>(next.getFixtureId().getBytes(), encode(next), next.getKickoff().toEpochMilli()));

        // then: the held result was applied first and re-scored the pending fixture, from the result's offset
        List<Prediction> forwarded = context.forwarded().stream().map(f -> (Prediction) f.record().value()).toList();
        assertThat(forwarded).extracting(Prediction::getFixtureId).containsExactly(pending.getFixtureId(), next.getFixtureId());
        assertThat(forwarded.get(0).getSourceOffsets()).singleElement().satisfies(offset -> {
            assertThat(offset.getTopic()).isEqualTo(CONFIG.resultsTopic());
            assertThat(offset.getOffset()).isEqualTo(17L);
        });
        assertThat(forwarded.get(0).getAsOf()).isEqualTo(Instant.ofEpochMilli(heldAt));
        assertThat(teams.get("E0:Arsenal")).isNotNull();
        assertThat(statuses.get(held.getFixtureId())).isEqualTo(FixtureStatus.applied(heldAt));
        assertThat(statuses.get(pending.getFixtureId()).isPending()).isTrue();
    }

    private <V> KeyValueStore<String, V> addStore(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static byte[] encode(Fixture fixture) {
        return EventSerdes.fixture().serializer().serialize("", fixture);
    }
}
