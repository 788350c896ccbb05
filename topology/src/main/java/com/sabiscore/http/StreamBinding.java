package com.sabiscore.http;

import com.sabiscore.cache.HotKeyMirror;
import com.sabiscore.cache.HotKeyTracker;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.UnavailableException;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The stream-backed parts of the server, attached once Kafka Streams exists: the HTTP server
 * starts first (its bound port becomes the stream's {@code application.server}), so until then
 * every query answers 503 and {@code /ready} says not ready. Thread-safe.
 */
public final class StreamBinding {

    private record Attached(KafkaStreams streams, PredictionQueryService queries, HotKeyMirror mirror) {
    }

    private final HotKeyTracker tracker;
    private volatile Attached attached;

    public StreamBinding(HotKeyTracker tracker) {
        this.tracker = tracker;
    }

    public void attach(KafkaStreams streams, PredictionQueryService queries, HotKeyMirror mirror) {
        attached = new Attached(streams, queries, mirror);
    }

    /** @throws UnavailableException before the stream is attached */
    PredictionQueryService queries() {
        Attached current = attached;
        if (current == null) {
            throw new UnavailableException("the stream has not started yet");
        }
        return current.queries();
    }

    /**
     * Whether the stream is attached and this instance, RUNNING, hosts the active copy of the
     * fixture's competition: then every store read about the fixture is local and none blocks.
     */
    boolean hostsActiveCopy(String fixtureId) {
        Attached current = attached;
        return current != null && current.queries().hostsActiveCopy(fixtureId);
    }

    Optional<KafkaStreams> streams() {
        Attached current = attached;
        return current == null ? Optional.empty() : Optional.of(current.streams());
    }

    Optional<HotKeyMirror> mirror() {
        Attached current = attached;
        return current == null ? Optional.empty() : Optional.of(current.mirror());
    }

    /** Counts a lookup of a served prediction; a fixture that is hot by lookups is handed to the mirror. */
    void lookedUp(PredictionView prediction) {
        Attached current = attached;
        if (tracker.lookedUp(prediction.fixtureId()) && current != null) {
            current.mirror().mirrorHot(prediction);
        }
    }
}
