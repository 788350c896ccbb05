package com.sabiscore.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
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
 * <p>A prediction changes only when a result re-scores its fixture, and it is read far more often,
 * so each fixture's JSON is kept and reused for as long as the store returns an equal prediction
 * (compared whole, so a newer version or a different model is encoded afresh). At most
 * {@code maxFixtures} are kept; past that the kept set starts over. Thread-safe.
 */
final class PredictionAnswers {

    private record Encoded(PredictionView prediction, byte[] json) {
    }

    private static final byte[] PREFIX = "{\"prediction\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVED_BY = ",\"served_by\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STALE = ",\"stale\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FRESH = ",\"stale\":false}".getBytes(StandardCharsets.UTF_8);

    private final int maxFixtures;
    private final ConcurrentMap<String, Encoded> byFixture = new ConcurrentHashMap<>();
    /** Instance names as JSON strings: only as many as there are instances. */
    private final ConcurrentMap<String, byte[]> instanceNames = new ConcurrentHashMap<>();

    PredictionAnswers(int maxFixtures) {
        this.maxFixtures = maxFixtures;
    }

    byte[] json(Served<PredictionView> served) {
        byte[] prediction = predictionJson(served.value());
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

    private byte[] predictionJson(PredictionView prediction) {
        Encoded known = byFixture.get(prediction.fixtureId());
        if (known != null && known.prediction().equals(prediction)) {
            return known.json();
        }
        byte[] json = encode(prediction);
        if (byFixture.size() >= maxFixtures) {
            byFixture.clear();
        }
        byFixture.put(prediction.fixtureId(), new Encoded(prediction, json));
        return json;
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
