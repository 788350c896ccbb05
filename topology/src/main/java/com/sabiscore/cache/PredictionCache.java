package com.sabiscore.cache;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read-through cache of {@code POST /api/v1/predict} answers, as the classic service kept them: {@code GET}
 * before computing, {@code SET ... EX ttl} after. Entries read from Redis are kept in a
 * {@link NearCache} that Redis keeps coherent, so a repeated hit needs no round trip. Redis is
 * optional: when it is down or slow a read is a miss (the caller computes) and a write is
 * dropped; both are counted in {@code redis_failures_total}, never thrown. Thread-safe.
 */
public final class PredictionCache {

    /** What every key of this cache starts with. */
    public static final String KEY_PREFIX = "pred:";

    private final RedisConnection redis;
    private final Duration ttl;
    private final Duration timeout;
    private final SabiScoreMetrics metrics;
    private final NearCache near;

    /**
     * @param redis   a connection that tells {@code near} about its sessions
     * @param ttl     how long an answer stays cached
     * @param timeout how long a read may wait before it counts as a miss
     */
    public PredictionCache(RedisConnection redis, NearCache near, Duration ttl, Duration timeout, SabiScoreMetrics metrics) {
        this.redis = redis;
        this.near = near;
        this.ttl = ttl;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /**
     * The key of one predict answer:
     * {@code pred:{model version}:{competition}:{home}:{away}:{kickoff as Instant.toString()}}. The
     * champion's version is part of it so that once another model serves, answers the previous one
     * gave are not found (they expire with their TTL); the competition because the same two names
     * in two competitions are two fixtures with two different answers.
     */
    public static String key(String modelVersion, String competition, String homeTeam, String awayTeam, Instant kickoff) {
        return KEY_PREFIX + modelVersion + ":" + competition + ":" + homeTeam + ":" + awayTeam + ":" + kickoff;
    }

    /**
     * The cached answer without blocking the caller: already complete when the near cache holds
     * it; otherwise completes on lettuce's I/O thread with the entry, or empty on a miss, a
     * failure, or when Redis has not answered within the read timeout (then on {@code timeouts}).
     *
     * @param timeouts runs the read's timeout: best the caller's own event loop, where arming and
     *                 cancelling it wakes no other thread (the JDK's {@code orTimeout} wakes its one
     *                 shared timer thread for every read)
     */
    public CompletableFuture<Optional<String>> getAsync(String key, ScheduledExecutorService timeouts) {
        Optional<String> kept = near.get(key);
        if (kept.isPresent()) {
            metrics.nearCacheHit();
            return CompletableFuture.completedFuture(kept);
        }
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.redisFailure("cache_get");
            return CompletableFuture.completedFuture(Optional.empty());
        }
        NearCache.Ticket ticket = near.ticket(key);
        RedisFuture<String> read = commands.get().get(key);
        if (ticket != null) {
            // a hit is kept once Redis says how long it lives: the near cache keeps it no longer than Redis does
            RedisAsyncCommands<String, String> connected = commands.get();
            read.thenAccept(value -> {
                if (value != null) {
                    connected.pttl(key).thenAccept(ttlMillis -> near.offer(key, value, ttlMillis, ticket));
                }
            });
        }
        // the first of Redis' reply and the timeout settles the read; a failure is counted before the caller sees the miss
        CompletableFuture<String> bounded = new CompletableFuture<>();
        ScheduledFuture<?> expiry = timeouts.schedule(() -> bounded.completeExceptionally(new TimeoutException()),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        read.whenComplete((value, failure) -> {
            expiry.cancel(false);
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(value);
            }
        });
        return bounded.handle((value, failure) -> {
            if (failure != null) {
                metrics.redisFailure("cache_get");
                return Optional.empty();
            }
            return Optional.ofNullable(value);
        });
    }

    /**
     * The cached answers of many keys, in key order: from the near cache where it holds them, the
     * rest in one round trip ({@code MGET}).
     */
    public List<Optional<String>> getAll(List<String> keys) {
        List<Optional<String>> values = new ArrayList<>(keys.size());
        List<Integer> unkept = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<String> kept = near.get(keys.get(i));
            values.add(kept);
            if (kept.isPresent()) {
                metrics.nearCacheHit();
            } else {
                unkept.add(i);
            }
        }
        if (unkept.isEmpty()) {
            return values;
        }
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            metrics.redisFailure("cache_get");
            return values;
        }
        String[] asked = unkept.stream().map(keys::get).toArray(String[]::new);
        List<KeyValue<String, String>> found = await(commands.get().mget(asked), "cache_get");
        if (found == null) {
            return values;
        }
        // batches are not taken into the near cache: single reads of the same keys fill it
        for (int k = 0; k < found.size(); k++) {
            KeyValue<String, String> entry = found.get(k);
            if (entry.hasValue()) {
                values.set(unkept.get(k), Optional.of(entry.getValue()));
            }
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
