package com.sabiscore.streams;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import com.sabiscore.features.PreviousStateLayoutWriter;
import com.sabiscore.features.StateCodec;
import com.sabiscore.prediction.CommittedModel;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.serving.ServingModels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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

    private final Task task = new Task();

    @Test
    void shouldRebuildPendingFixturesAndHeldResultsFromTheFixtureStatusesWhenItStarts() {
        // given: a task closed with Tottenham v Arsenal pending and Arsenal's previous result held
        Fixture pending = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        MatchResult held = resultOf(aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-28T14:00:00Z").build())
                .score(1, 0).build();
        long heldAt = Instant.parse("2023-10-28T16:00:00Z").toEpochMilli();
        task.statuses.put(pending.getFixtureId(), FixtureStatus.UNKNOWN.withFixture(encode(pending)));
        task.statuses.put(held.getFixtureId(), FixtureStatus.UNKNOWN.withHeldResult(new FixtureStatus.HeldEvent(
                heldAt, 0, 17L, encode(held))));

        // when: it starts again, and the next fixture passes the held result's time
        MatchEventProcessor processor = task.start();
        Fixture next = aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-10-29T14:00:00Z").build();
        task.pipe(processor, CONFIG.fixturesTopic(), 5L, next.getFixtureId(), encode(next), next.getKickoff().toEpochMilli());

        // then: the held result was applied first and re-scored the pending fixture, from the result's offset
        List<Prediction> forwarded = task.forwarded();
        assertThat(forwarded).extracting(Prediction::getFixtureId).containsExactly(pending.getFixtureId(), next.getFixtureId());
        assertThat(forwarded.get(0).getSourceOffsets()).singleElement().satisfies(offset -> {
            assertThat(offset.getTopic()).isEqualTo(CONFIG.resultsTopic());
            assertThat(offset.getOffset()).isEqualTo(17L);
        });
        assertThat(forwarded.get(0).getAsOf()).isEqualTo(Instant.ofEpochMilli(heldAt));
        assertThat(task.teams.get("E0:Arsenal")).isNotNull();
        assertThat(task.statuses.get(held.getFixtureId())).isEqualTo(FixtureStatus.applied(heldAt));
        assertThat(task.statuses.get(pending.getFixtureId()).isPending()).isTrue();
    }

    @Test
    void shouldPredictFromStoresAnEarlierReleaseWroteAsFromTheSameStoresWrittenNow() {
        // given: a task that played Arsenal v Chelsea, has Tottenham v Arsenal pending and Arsenal v Everton's result held
        Fixture played = aFixtureEvent().home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").build();
        Fixture pending = aFixtureEvent().home("Tottenham").away("Arsenal").kickoff("2023-11-04T14:00:00Z").build();
        MatchResult held = resultOf(aFixtureEvent().home("Arsenal").away("Everton").kickoff("2023-11-11T14:00:00Z").build())
                .score(2, 1).build();
        MatchEventProcessor first = task.start();
        task.pipe(first, CONFIG.fixturesTopic(), 0L, played.getFixtureId(), encode(played), played.getKickoff().toEpochMilli());
        task.pipe(first, CONFIG.fixturesTopic(), 1L, pending.getFixtureId(), encode(pending), pending.getKickoff().toEpochMilli());
        task.pipe(first, CONFIG.resultsTopic(), 0L, played.getFixtureId(), encode(resultOf(played).score(3, 1).build()),
                Instant.parse("2023-10-21T16:00:00Z").toEpochMilli());
        task.pipe(first, CONFIG.resultsTopic(), 1L, held.getFixtureId(), encode(held), Instant.parse("2023-11-11T16:00:00Z").toEpochMilli());
        // and a copy of its stores with team, league and fixture status values in the earlier hand-written layout
        Task earlier = new Task();
        task.copyTo(earlier, StoreNames.TEAM_STATE, bytes -> PreviousStateLayoutWriter.write(StateCodec.decodeTeam(bytes)));
        task.copyTo(earlier, StoreNames.LEAGUE_STATE, bytes -> PreviousStateLayoutWriter.write(StateCodec.decodeLeague(bytes)));
        task.copyTo(earlier, StoreNames.FIXTURE_STATUS, bytes -> PreviousFixtureStatusLayout.write(FixtureStatus.fromBytes(bytes)));
        task.copyTo(earlier, StoreNames.PREDICTIONS, UnaryOperator.identity());
        task.copyTo(earlier, StoreNames.FIXTURES_STREAM_TIME, UnaryOperator.identity());
        assertThat(earlier.teams.get("E0:Arsenal")).isNotEqualTo(task.teams.get("E0:Arsenal"));

        task.context.resetForwards();

        // when: both restart and the next fixture releases the held result
        Fixture next = aFixtureEvent().home("Everton").away("Brighton").kickoff("2023-11-18T14:00:00Z").build();
        MatchEventProcessor restarted = task.start();
        MatchEventProcessor restartedOnEarlier = earlier.start();
        task.pipe(restarted, CONFIG.fixturesTopic(), 2L, next.getFixtureId(), encode(next), next.getKickoff().toEpochMilli());
        earlier.pipe(restartedOnEarlier, CONFIG.fixturesTopic(), 2L, next.getFixtureId(), encode(next), next.getKickoff().toEpochMilli());

        // then: the same predictions, and the states the result moved are written back in the current layout
        assertThat(task.forwarded()).extracting(Prediction::getFixtureId)
                .containsExactly(pending.getFixtureId(), next.getFixtureId());
        assertThat(earlier.forwarded()).isEqualTo(task.forwarded());
        assertThat(earlier.teams.get("E0:Arsenal")).isEqualTo(task.teams.get("E0:Arsenal")).startsWith((byte) 0xC3, (byte) 0x01);
        assertThat(earlier.statuses.get(held.getFixtureId())).isEqualTo(task.statuses.get(held.getFixtureId()));
    }

    private static byte[] encode(Fixture fixture) {
        return EventSerdes.fixture().serializer().serialize("", fixture);
    }

    private static byte[] encode(MatchResult result) {
        return EventSerdes.result().serializer().serialize("", result);
    }

    /** A task's stores over in-memory byte stores a test can also read and write as bytes, and its mock context. */
    private static final class Task {

        private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        private final Map<String, KeyValueStore<Bytes, byte[]>> bytesOf = new HashMap<>();
        private final KeyValueStore<String, byte[]> teams = addStore(StoreNames.TEAM_STATE, Serdes.ByteArray());
        private final KeyValueStore<String, FixtureStatus> statuses;

        Task() {
            addStore(StoreNames.LEAGUE_STATE, Serdes.ByteArray());
            statuses = addStore(StoreNames.FIXTURE_STATUS, FixtureStatus.serde());
            addStore(StoreNames.PREDICTIONS, EventSerdes.prediction());
            addStore(StoreNames.FIXTURES_STREAM_TIME, Serdes.Long());
        }

        /** A processor started on the stores as they are, at a fixed wall-clock time. */
        MatchEventProcessor start() {
            MatchEventProcessor processor = new MatchEventProcessor(TopologySettings.from(CONFIG), ServingModels.serving(MODEL.predictor()),
                    PipelineObserver.NONE);
            context.setCurrentSystemTimeMs(Instant.parse("2026-12-05T00:00:00Z").toEpochMilli());
            processor.init(context);
            return processor;
        }

        void pipe(MatchEventProcessor processor, String topic, long offset, String key, byte[] value, long timestamp) {
            context.setRecordMetadata(topic, 0, offset);
            processor.process(new Record<>(key.getBytes(StandardCharsets.UTF_8), value, timestamp));
        }

        List<Prediction> forwarded() {
            return context.forwarded().stream().map(f -> (Prediction) f.record().value()).toList();
        }

        /** Puts every entry of one of this task's stores into the other task's, its bytes converted. */
        void copyTo(Task other, String store, UnaryOperator<byte[]> convert) {
            try (KeyValueIterator<Bytes, byte[]> all = bytesOf.get(store).all()) {
                while (all.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = all.next();
                    other.bytesOf.get(store).put(entry.key, convert.apply(entry.value));
                }
            }
        }

        private <V> KeyValueStore<String, V> addStore(String name, Serde<V> valueSerde) {
            KeyValueStore<Bytes, byte[]> bytes = Stores.inMemoryKeyValueStore(name).get();
            bytesOf.put(name, bytes);
            KeyValueBytesStoreSupplier supplier = new KeyValueBytesStoreSupplier() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public KeyValueStore<Bytes, byte[]> get() {
                    return bytes;
                }

                @Override
                public String metricsScope() {
                    return "in-memory";
                }
            };
            KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde)
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            return store;
        }
    }
}
