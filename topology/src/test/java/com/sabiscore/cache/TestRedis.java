package com.sabiscore.cache;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's real Redis for a test: a client for the code under test, a direct synchronous
 * connection to look at what was written, and a run id to put into every key so parallel runs
 * never see each other's keys. {@link #close()} deletes every key holding the run id.
 */
final class TestRedis implements AutoCloseable {

    static final String URI = "redis://127.0.0.1:6379";

    final String runId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final RedisEndpoint endpoint;
    final RedisClient client;
    private final StatefulRedisConnection<String, String> direct;
    private final List<RedisConnection> connections = new ArrayList<>();

    TestRedis() {
        this(URI);
    }

    TestRedis(String uri) {
        endpoint = new RedisEndpoint(uri, null, false, Duration.ofSeconds(1));
        client = endpoint.newClient();
        direct = RedisClient.create(URI).connect();
    }

    /** A connection of the code under test. */
    RedisConnection connection(boolean pipelined, SabiScoreMetrics metrics) {
        return connection(pipelined, metrics, null);
    }

    /** A connection of the code under test that tells {@code sessions} about its server sessions; closed by {@link #close()}. */
    RedisConnection connection(boolean pipelined, SabiScoreMetrics metrics, RedisSessionListener sessions) {
        // generous: on a small machine busy with other work Redis may answer late
        RedisConnection connection = new RedisConnection(client, endpoint.redisUri(), "test", pipelined,
                Duration.ofSeconds(10), metrics, sessions);
        connections.add(connection);
        return connection;
    }

    /** Synchronous commands on the real Redis, to look at what was written. */
    RedisCommands<String, String> look() {
        return direct.sync();
    }

    /** A fixture id unique to this run. */
    String fixtureId(String name) {
        return "E0:2024-01-01:" + runId + "-" + name + ":Away";
    }

    @Override
    public void close() {
        connections.forEach(RedisConnection::close);
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(direct.sync(), ScanArgs.Builder.matches("*" + runId + "*").limit(1000)).forEachRemaining(keys::add);
        if (!keys.isEmpty()) {
            direct.sync().del(keys.toArray(String[]::new));
        }
        direct.close();
        client.shutdown();
    }
}
