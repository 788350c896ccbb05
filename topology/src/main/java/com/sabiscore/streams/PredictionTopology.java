package com.sabiscore.streams;

import com.sabiscore.config.AppConfig;
import com.sabiscore.events.Prediction;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.serde.EncodeOnceSerde;
import com.sabiscore.serving.ServingModels;
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

    /** The topology with one predictor that never changes, as most tests run it. */
    public static Topology build(AppConfig config, FixturePredictor predictor, PipelineObserver observer) {
        return build(config, ServingModels.serving(predictor), observer);
    }

    /**
     * The topology scoring with whatever {@code models} serves when each record is processed: a
     * model published while the stream runs scores the records after it.
     */
    public static Topology build(AppConfig config, ServingModels models, PipelineObserver observer) {
        TopologySettings settings = TopologySettings.from(config);
        Topology topology = new Topology();
        // raw bytes in: the processor decodes, so an undecodable event reaches the dead-letter topic with its original bytes
        topology.addSource(FIXTURES_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.fixtures().name());
        topology.addSource(RESULTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.results().name());
        topology.addProcessor(PROCESSOR, () -> new MatchEventProcessor(settings, models, observer), FIXTURES_SOURCE, RESULTS_SOURCE);

        boolean inMemory = settings.inMemoryStores();
        topology.addStateStore(store(StoreNames.TEAM_STATE, Serdes.ByteArray(), inMemory), PROCESSOR);
        topology.addStateStore(store(StoreNames.LEAGUE_STATE, Serdes.ByteArray(), inMemory), PROCESSOR);
        topology.addStateStore(store(StoreNames.FIXTURE_STATUS, FixtureStatus.serde(), inMemory), PROCESSOR);
        // the processor puts each prediction in its store, then forwards the same object: encoded once for both
        Serde<Prediction> predictionSerde = new EncodeOnceSerde<>(settings.predictions().valueSerde());
        // not cached: each version is written once, so a cache has nothing to fold, and its entries (the largest) would
        // evict the other stores' dirty entries, whose flush writes them before they can fold
        topology.addStateStore(store(StoreNames.PREDICTIONS, predictionSerde, inMemory).withCachingDisabled(), PROCESSOR);
        // one number per task, written on every newer fixture: in memory whatever the store type, one record per commit
        topology.addStateStore(store(StoreNames.FIXTURES_STREAM_TIME, Serdes.Long(), true), PROCESSOR);

        topology.addSink(PREDICTIONS_SINK, settings.predictions().name(), new StringSerializer(),
                anyRecord(predictionSerde.serializer()), settings.partitioner(), PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetters().name(), new StringSerializer(),
                anyRecord(settings.deadLetters().valueSerde().serializer()), PROCESSOR);
        return topology;
    }

    /*
     * Stores are cached: within a commit interval the cache folds all writes of a key into one
     * changelog record (team and league state on every result, a fixture's status announced, held
     * and applied; see FixtureStatus for why that is one store).
     * Uncached, each write is a changelog record the stream's producer sends and the broker appends.
     * Reads see the cache first, and outputs are forwarded by the processor, not by the cache, so
     * predictions are not delayed by it.
     * In memory (the default of state.store.type) a write costs less, and every start restores the
     * stores from their changelogs; RocksDB keeps them on disk across restarts, for state larger than
     * the heap.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde, boolean inMemory) {
        KeyValueBytesStoreSupplier supplier = inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde).withCachingEnabled();
    }

    /** The processor forwards two record types to two sinks; each sink only ever receives its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> anyRecord(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
