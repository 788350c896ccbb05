package com.sabiscore.streams;

import com.sabiscore.events.Prediction;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The queryable stores of one active task, as its processor holds them, read-only. The serving
 * layer reads these instead of asking Kafka Streams for a store on every query: in Kafka Streams
 * 4.4 each interactive-query read first gathers the instance's tasks under a lock the state
 * updater thread also takes, and event loops would park on it under load. The
 * stores throw {@code InvalidStateStoreException} once closed, as interactive-query handles do.
 *
 * @param partition   the task's input partition, i.e. the partition its keys are placed on
 * @param predictions fixture id → latest prediction ({@link StoreNames#PREDICTIONS})
 * @param teamStates  {@code {competition}:{team}} → team state bytes ({@link StoreNames#TEAM_STATE})
 * @param leagueStates competition → league state bytes ({@link StoreNames#LEAGUE_STATE})
 */
public record ActiveTaskStores(int partition, ReadOnlyKeyValueStore<String, Prediction> predictions,
                               ReadOnlyKeyValueStore<String, byte[]> teamStates,
                               ReadOnlyKeyValueStore<String, byte[]> leagueStates) {

    /** The store of that name in this task, or null if it is not one of the queryable ones. */
    public ReadOnlyKeyValueStore<String, ?> named(String store) {
        return switch (store) {
            case StoreNames.PREDICTIONS -> predictions;
            case StoreNames.TEAM_STATE -> teamStates;
            case StoreNames.LEAGUE_STATE -> leagueStates;
            default -> null;
        };
    }
}
