package com.sabiscore.streams;

import com.sabiscore.config.AppConfig;
import com.sabiscore.prediction.FixturePredictor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the prediction topology: fixtures and results in, predictions and dead letters out.
 * A pure function of its arguments (no network, file or clock), so TopologyTestDriver tests it whole.
 *
 * <pre>
 *   fixtures ─┐                                  ┌─► predictions   (key fixture id, by competition)
 *             ├─► match-events ⇄ state stores ───┤
 *   results  ─┘                                  └─► dead letters  (undecodable or invalid events)
 * </pre>
 */
public final class PredictionTopology {

    static final String FIXTURES_SOURCE = "fixtures-source";
    static final String RESULTS_SOURCE = "results-source";
    static final String PROCESSOR = "match-events";
    static final String PREDICTIONS_SINK = "predictions-sink";
    static final String DEAD_LETTER_SINK = "dead-letters-sink";

    private PredictionTopology() {
    }

    public static Topology build(AppConfig config, FixturePredictor predictor, PipelineObserver observer) {
        TopologySettings settings = TopologySettings.from(config);
        Topology topology = new Topology();
        // raw bytes in: the processor decodes, so an undecodable event reaches the dead-letter topic with its original bytes
        topology.addSource(FIXTURES_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.fixtures().name());
        topology.addSource(RESULTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.results().name());
        topology.addProcessor(PROCESSOR, () -> new MatchEventProcessor(settings, predictor, observer), FIXTURES_SOURCE, RESULTS_SOURCE);

        // team and league state change on every result: the cache folds those writes before the changelog
        topology.addStateStore(cached(store(StoreNames.TEAM_STATE, Serdes.ByteArray())), PROCESSOR);
        topology.addStateStore(cached(store(StoreNames.LEAGUE_STATE, Serdes.ByteArray())), PROCESSOR);
        topology.addStateStore(store(StoreNames.PENDING_FIXTURES, settings.fixtures().valueSerde()), PROCESSOR);
        topology.addStateStore(store(StoreNames.PENDING_BY_TEAM, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.APPLIED_RESULTS, Serdes.Long()), PROCESSOR);
        topology.addStateStore(store(StoreNames.PREDICTIONS, settings.predictions().valueSerde()), PROCESSOR);

        topology.addSink(PREDICTIONS_SINK, settings.predictions().name(), new StringSerializer(),
                anyRecord(settings.predictions().valueSerde().serializer()), settings.partitioner(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetters().name(), new StringSerializer(),
                anyRecord(settings.deadLetters().valueSerde().serializer()), PROCESSOR);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> cached(StoreBuilder<KeyValueStore<String, V>> builder) {
        return builder.withCachingEnabled();
    }

    /** The processor forwards two record types to two sinks; each sink only ever receives its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> anyRecord(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
