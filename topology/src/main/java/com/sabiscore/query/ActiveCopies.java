package com.sabiscore.query;

import com.sabiscore.streams.ActiveTaskStores;
import com.sabiscore.streams.PipelineObserver;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of the active tasks running on this instance, by partition, as their processors
 * report opening and closing them ({@link PipelineObserver}). A read here touches no lock of Kafka
 * Streams' task management, unlike an interactive-query handle, which gathers the instance's tasks
 * under the state updater's lock on every call; copies not reported here (standbys, tasks still
 * restoring) are read through interactive queries as before. Thread-safe.
 */
public final class ActiveCopies implements PipelineObserver {

    private final ConcurrentMap<Integer, ActiveTaskStores> byPartition = new ConcurrentHashMap<>();

    @Override
    public void activeTaskOpened(ActiveTaskStores stores) {
        byPartition.put(stores.partition(), stores);
    }

    @Override
    public void activeTaskClosed(ActiveTaskStores stores) {
        // only the stores reported closed: a task of the same partition may have opened since on another thread
        byPartition.remove(stores.partition(), stores);
    }

    /**
     * Whether the active task of {@code partition} runs here with its stores open. A copy of an
     * active partition that is still restoring is not: it may lack keys the changelog holds.
     */
    boolean isOpen(int partition) {
        return byPartition.containsKey(partition);
    }

    /**
     * The value of {@code key} in the active copy of {@code partition}, if that copy is open here:
     * empty when it is not, otherwise an optional that is empty when the copy lacks the key.
     *
     * @throws InvalidStateStoreException the copy closed while being read
     */
    Optional<Optional<Object>> get(String store, String key, int partition) {
        ActiveTaskStores stores = byPartition.get(partition);
        ReadOnlyKeyValueStore<String, ?> copy = stores == null ? null : stores.named(store);
        if (copy == null) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(copy.get(key)));
    }
}
