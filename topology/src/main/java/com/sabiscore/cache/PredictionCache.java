package com.sabiscore.cache;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read-through cache of {@code POST /api/v1/predict} answers, as in the seed: {@code GET}
 * before computing, {@code SET ... EX ttl} after. Redis is optional: when it is down or slow a
 * read is a miss (the caller computes) and a write is dropped; both are counted in
 * {@code redis_failures_total}, never thrown. Thread-safe.
 */
public final class PredictionCache {

    private final RedisConnection redis;
    private final Duration ttl;
    private final Duration timeout;
    private final SabiScoreMetrics metrics;

    /**
     * @param ttl     how long an answer stays cached
     * @param timeout how long a read may wait before it counts as a miss
     */
    public PredictionCache(RedisConnection redis, Duration ttl, Duration timeout, SabiScoreMetrics metrics) {
        this.redis = redis;
        this.ttl = ttl;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** The seed's key: {@code pred:{home}:{away}:{kickoff as Instant.toString()}}. */
    public static String key(String homeTeam, String awayTeam, Instant kickoff) {
        return "pred:" + homeTeam + ":" + awayTeam + ":" + kickoff;
    }

    /**
     * The cached answer without blocking the caller: completes on lettuce's I/O thread with the
     * entry, or empty on a miss, a failure, or when Redis has not answered within the read
     * timeout (then on the timer's thread).
     */
    public CompletableFuture<Optional<String>> getAsync(String key) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.redisFailure("cache_get");
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return commands.get().get(key).toCompletableFuture()
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .handle((value, failure) -> {
                    if (failure != null) {
                        metrics.redisFailure("cache_get");
                        return Optional.empty();
                    }
                    return Optional.ofNullable(value);
                });
    }

    /** The cached answers of many keys in one round trip ({@code MGET}), in key order. */
    public List<Optional<String>> getAll(List<String> keys) {
        List<Optional<String>> misses = Collections.nCopies(keys.size(), Optional.empty());
        if (keys.isEmpty()) {
            return misses;
        }
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.redisFailure("cache_get");
            return misses;
        }
        List<KeyValue<String, String>> found = await(commands.get().mget(keys.toArray(String[]::new)), "cache_get");
        if (found == null) {
            return misses;
        }
        List<Optional<String>> values = new ArrayList<>(found.size());
        for (KeyValue<String, String> entry : found) {
            values.add(entry.hasValue() ? Optional.of(entry.getValue()) : Optional.empty());
        }
        return values;
    }

    /** Caches an answer without waiting; a failure is counted, not thrown. */
    public void put(String key, String json) {
        putAll(Map.of(key, json));
    }

    /** Caches many answers without waiting: lettuce writes the commands back to back (one pipeline). */
    public void putAll(Map<String, String> entries) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.redisFailure("cache_set");
            return;
        }
        long seconds = ttl.toSeconds();
        entries.forEach((key, json) -> commands.get().setex(key, seconds, json).whenComplete((ok, failure) -> {
            if (failure != null) {
                metrics.redisFailure("cache_set");
            }
        }));
    }

    private <T> T await(RedisFuture<T> future, String operation) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.redisFailure(operation);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
