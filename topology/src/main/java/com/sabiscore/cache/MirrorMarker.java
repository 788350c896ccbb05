package com.sabiscore.cache;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A key the mirror keeps in Redis to learn that Redis lost what the mirror wrote. The key gone
 * means Redis was flushed, restarted without persistence, or evicted it; a new server run id means
 * a restart, and one that reloaded a snapshot holds older versions than were written. The
 * connection alone cannot tell: a flush leaves it open, and a reconnect after a dropped connection
 * loses nothing. Each mirror has a key of its own, so that one instance setting its key again
 * cannot hide the loss from another.
 */
final class MirrorMarker {

    /** What a check learnt. */
    enum State {
        /** Redis holds what was written since the last {@code LOST}. */
        INTACT,
        /** Redis may have lost what was written before (always so at the first check); the marker is set again. */
        LOST,
        /** Redis did not answer. */
        UNKNOWN
    }

    /** Refreshed at every check: outlasts a stalled check by far, and a stopped mirror's key goes by itself. */
    private static final Duration MARKER_TTL = Duration.ofMinutes(10);
    private static final String RUN_ID_FIELD = "run_id:";

    private final RedisConnection redis;
    private final Duration timeout;
    private final String key = "prediction-mirror:" + UUID.randomUUID();
    /** The run id of the server the marker was last set on; null before the first set, or when Redis hides it. */
    private String runId;

    /**
     * @param redis   the mirror's pipelined connection ({@code flush()} sends), used by one thread only
     * @param timeout how long a check may wait for Redis
     */
    MirrorMarker(RedisConnection redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /** Refreshes the marker and says whether Redis still holds what was written since it was set. */
    State check() {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            return State.UNKNOWN;
        }
        RedisFuture<Boolean> refreshed = commands.get().expire(key, MARKER_TTL.toSeconds());
        RedisFuture<String> server = commands.get().info("server");
        redis.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        Boolean present = await(refreshed, deadline);
        if (present == null) {
            return State.UNKNOWN;
        }
        String info = await(server, deadline);
        // a Redis that refuses INFO (an ACL) is watched through the marker alone
        String currentRunId = info == null ? runId : runIdOf(info);
        if (present && Objects.equals(currentRunId, runId)) {
            return State.INTACT;
        }
        RedisFuture<String> set = commands.get().set(key, "1", SetArgs.Builder.ex(MARKER_TTL));
        redis.flush();
        if (await(set, System.nanoTime() + timeout.toNanos()) == null) {
            return State.UNKNOWN;
        }
        runId = currentRunId;
        return State.LOST;
    }

    private static String runIdOf(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(RUN_ID_FIELD)) {
                return line.substring(RUN_ID_FIELD.length()).trim();
            }
        }
        return null;
    }

    private static <T> T await(RedisFuture<T> reply, long deadlineNanos) {
        try {
            return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
