package com.sabiscore.cache;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes predictions to {@code prediction:{fixtureId}} so that an older version never replaces a
 * newer one: a Lua script compares the stored JSON's {@code version} with the incoming one and
 * writes (with the TTL) only when the incoming one is not older; Redis runs a script atomically,
 * so two writers racing cannot interleave between the compare and the write. A batch goes out as
 * one pipeline on a connection whose commands are flushed by hand.
 *
 * <p>The script is sent with {@code EVAL} each time rather than {@code EVALSHA}: Redis caches it by
 * digest anyway, and a restarted Redis (empty script cache) then needs no reload step.
 */
final class VersionedPredictionWriter {

    /** How one write ended. */
    enum Outcome { WRITTEN, KEPT_NEWER, FAILED }

    static final String SCRIPT = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local ok, stored = pcall(cjson.decode, current)
              if ok and type(stored) == 'table' and tonumber(stored['version'])
                  and tonumber(stored['version']) > tonumber(ARGV[1]) then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
            return 1
            """;

    private final RedisConnection redis;
    private final Duration ttl;
    private final Duration timeout;

    /** @param redis a pipelined connection ({@code flushCommands()} sends a batch), used by one thread only */
    VersionedPredictionWriter(RedisConnection redis, Duration ttl, Duration timeout) {
        this.redis = redis;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    /** The Redis key of a fixture's mirrored prediction. */
    static String redisKey(String fixtureId) {
        return "prediction:" + fixtureId;
    }

    /** Writes a batch in one pipeline; one outcome per entry, in order. */
    List<Outcome> write(List<MirrorEntry> batch) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) {
            return Collections.nCopies(batch.size(), Outcome.FAILED);
        }
        String seconds = Long.toString(ttl.toSeconds());
        List<RedisFuture<Long>> replies = new ArrayList<>(batch.size());
        for (MirrorEntry entry : batch) {
            replies.add(commands.get().eval(SCRIPT, ScriptOutputType.INTEGER, new String[] {redisKey(entry.fixtureId())},
                    Long.toString(entry.version()), entry.json(), seconds));
        }
        redis.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (RedisFuture<Long> reply : replies) {
            outcomes.add(outcomeOf(reply, deadline));
        }
        return outcomes;
    }

    private static Outcome outcomeOf(RedisFuture<Long> reply, long deadlineNanos) {
        try {
            Long written = reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return written != null && written == 1L ? Outcome.WRITTEN : Outcome.KEPT_NEWER;
        } catch (ExecutionException | TimeoutException e) {
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
    }
}
