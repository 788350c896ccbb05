package com.sabiscore.query;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * This instance's copies of the state stores, active or standby ({@link LocalStores} reads them).
 * Every read throws {@link InvalidStateStoreException} when the copy asked for is not readable
 * here now.
 */
public interface StoreCopies {

    /** The value in the local copy of {@code partition}. */
    Optional<Object> get(String store, String key, int partition);

    /**
     * Whether the active task of {@code partition} runs here with its stores open: not a standby,
     * not a task still restoring after a move (which may lack keys its changelog holds).
     */
    boolean activeCopyOpen(int partition);

    /** The value in whichever local copy holds {@code key}. */
    Optional<Object> getFromAnyCopy(String store, String key);

    /** Every entry with {@code from <= key <= to} in the local copies, in key order within each copy. */
    List<KeyValue<String, Object>> range(String store, String from, String to);
}
