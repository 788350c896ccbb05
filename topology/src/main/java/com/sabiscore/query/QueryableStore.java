package com.sabiscore.query;

import com.sabiscore.events.Prediction;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.streams.StoreNames;
import java.util.Optional;
import java.util.function.Function;

/**
 * A state store the serving layer reads, with how its values travel between instances: the
 * internal endpoint sends a value's bytes and the asking instance decodes them.
 *
 * @param <V> the store's value type
 */
public record QueryableStore<V>(String name, Function<V, byte[]> toWire, Function<byte[], V> fromWire) {

    private static final AvroCodec<Prediction> PREDICTION_CODEC = AvroCodec.of(Prediction.class);

    /** fixture id → latest Avro prediction. */
    public static final QueryableStore<Prediction> PREDICTIONS =
            new QueryableStore<>(StoreNames.PREDICTIONS, PREDICTION_CODEC::encode, PREDICTION_CODEC::decode);
    /** {@code {competition}:{team}} → {@code TeamState} bytes. */
    public static final QueryableStore<byte[]> TEAM_STATE =
            new QueryableStore<>(StoreNames.TEAM_STATE, Function.identity(), Function.identity());
    /** competition → {@code LeagueState} bytes. */
    public static final QueryableStore<byte[]> LEAGUE_STATE =
            new QueryableStore<>(StoreNames.LEAGUE_STATE, Function.identity(), Function.identity());

    /** The store of that name, if it is one the serving layer answers for. */
    public static Optional<QueryableStore<?>> named(String name) {
        for (QueryableStore<?> store : new QueryableStore<?>[] {PREDICTIONS, TEAM_STATE, LEAGUE_STATE}) {
            if (store.name.equals(name)) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }

    /** A value read from this store, as bytes for another instance. */
    @SuppressWarnings("unchecked")
    byte[] encode(Object value) {
        return toWire.apply((V) value);
    }
}
