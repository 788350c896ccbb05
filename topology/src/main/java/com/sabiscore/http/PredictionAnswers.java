package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sabiscore.events.Prediction;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.KeptReads;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
import com.sabiscore.streams.PipelineObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The body of {@code GET /api/v1/predictions/{fixtureId}}:
 * {@code {"prediction": {...}, "served_by": "host:port", "stale": false}}, where
 * {@code prediction} is the {@link PredictionView} in the serving layer's JSON format,
 * {@code served_by} the instance whose store answered and {@code stale} whether that was a standby
 * copy or a read during a rebalance/restore (possibly behind).
 *
 * <p>A prediction changes only when the stream re-scores its fixture, and it is read far more
 * often, so answers are kept at two levels:
 * <ul>
 *   <li>the whole answer of a fixture read from this instance's <em>active</em> copy is kept
 *       until the stream writes that fixture's prediction again or a task starts or stops here
 *       (this object is the topology's {@link PipelineObserver} for that): such a fixture is
 *       answered without reading the store at all ({@link #kept});</li>
 *   <li>any other answer reuses its prediction's JSON while the store returns an equal prediction
 *       (compared whole, so a newer version or another model is encoded afresh).</li>
 * </ul>
 * A read that overlaps a write of the stream is not kept ({@link KeptReads}), so a kept answer is
 * never older than the store. Like an interactive query of the store itself, it may show a
 * prediction of a transaction that is still open. Each level is a Caffeine cache of at most
 * {@code maxFixtures}, which evicts the least useful past that; their statistics are metrics tagged
 * {@code cache="prediction_answers"} and {@code cache="prediction_json"}. Thread-safe.
 */
public final class PredictionAnswers implements PipelineObserver {

    /** An answer served from this instance's active copy, with the prediction in it. */
    record Kept(PredictionView prediction, Answer answer) {
    }

    private record Encoded(PredictionView prediction, byte[] json) {
    }

    private static final byte[] PREFIX = "{\"prediction\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVED_BY = ",\"served_by\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STALE = ",\"stale\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FRESH = ",\"stale\":false}".getBytes(StandardCharsets.UTF_8);

    private final Cache<String, Encoded> byFixture;
    private final KeptReads<Kept> kept;
    /** Instance names as JSON strings: only as many as there are instances. */
    private final ConcurrentMap<String, byte[]> instanceNames = new ConcurrentHashMap<>();

    /** @param maxFixtures most fixtures kept at each level; the caches' statistics go to {@code registry} */
    public PredictionAnswers(int maxFixtures, MeterRegistry registry) {
        this.byFixture = Caffeine.newBuilder().maximumSize(maxFixtures).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, byFixture, "prediction_json");
        this.kept = new KeptReads<>("prediction_answers", maxFixtures, registry);
    }

    /** The kept answer of a fixture whose active copy is on this instance, or null. */
    Kept kept(String fixtureId) {
        return kept.get(fixtureId);
    }

    /** Read before reading a store, for {@link #keep}. */
    long storeChanges() {
        return kept.writes();
    }

    /**
     * The answer for a prediction read from this instance's active copy, kept for later reads
     * unless the stream changed the store since {@code changesBeforeRead}.
     */
    Kept keep(Served<PredictionView> served, long changesBeforeRead) {
        Encoded encoded = encoded(served.value());
        // the kept answer holds the encoded prediction's copy, equal to the one read: a fixture read again and again is
        // then held once at both levels, not once per read
        Kept answer = new Kept(encoded.prediction(), Answer.json(body(encoded.json(), served)));
        return kept.keep(encoded.prediction().fixtureId(), answer, changesBeforeRead);
    }

    byte[] json(Served<PredictionView> served) {
        return body(encoded(served.value()).json(), served);
    }

    private byte[] body(byte[] prediction, Served<PredictionView> served) {
        byte[] servedBy = instanceNames.computeIfAbsent(served.servedBy(), PredictionAnswers::encode);
        byte[] stale = served.stale() ? STALE : FRESH;
        byte[] body = new byte[PREFIX.length + prediction.length + SERVED_BY.length + servedBy.length + stale.length];
        int at = append(body, 0, PREFIX);
        at = append(body, at, prediction);
        at = append(body, at, SERVED_BY);
        at = append(body, at, servedBy);
        append(body, at, stale);
        return body;
    }

    /** Called on the stream thread right after the prediction was put in its store. */
    @Override
    public void predictionEmitted(Prediction prediction) {
        kept.written(prediction.getFixtureId());
    }

    @Override
    public void tasksChanged() {
        kept.forgetAll();
    }

    private Encoded encoded(PredictionView prediction) {
        Encoded known = byFixture.getIfPresent(prediction.fixtureId());
        if (known != null && known.prediction().equals(prediction)) {
            return known;
        }
        Encoded encoded = new Encoded(prediction, encode(prediction));
        byFixture.put(prediction.fixtureId(), encoded);
        return encoded;
    }

    private static int append(byte[] body, int at, byte[] part) {
        System.arraycopy(part, 0, body, at, part.length);
        return at + part.length;
    }

    private static byte[] encode(Object value) {
        try {
            return JsonFormat.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a prediction always serialises", e);
        }
    }
}
