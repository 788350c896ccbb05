package com.sabiscore.query;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other app instances, asked over their internal routes ({@link InternalRoutes}) what their
 * own store copies hold ({@link InstanceClient} asks them over HTTP). An unreachable or slow
 * instance is an answer too, so the caller can try the next copy.
 */
public interface PeerInstances {

    /** What one instance said about one key. */
    sealed interface RemoteValue {
        record Found(byte[] bytes, String servedBy, boolean stale) implements RemoteValue {
        }

        /** The instance's copy does not hold the key. */
        record Missing(boolean stale) implements RemoteValue {
        }

        /** No answer: unreachable, timed out, or no readable copy there. */
        record Failed(String reason) implements RemoteValue {
        }
    }

    /** What {@code host}'s own copy of {@code store} holds for {@code key}. */
    RemoteValue value(HostInfo host, String store, String key);

    /** {@code host}'s share of a competition's predictions, empty when it did not answer. */
    Optional<LocalRange> range(HostInfo host, String competition, LocalDate from, LocalDate to);
}
