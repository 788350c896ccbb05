package com.sabiscore.cache;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.codec.StringCodec;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lettuce connection that is allowed to be absent. The app starts and keeps serving when Redis
 * does not answer: {@link #commands()} is then empty, and a connection attempt runs in the
 * background, at most once per back-off interval (100 ms doubling to 5 s). Once connected,
 * lettuce itself reconnects after a drop. Thread-safe.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final RedisClient client;
    private final RedisURI uri;
    private final String purpose;
    private final boolean pipelined;
    private final Duration commandTimeout;
    private final SabiScoreMetrics metrics;
    private final RedisSessionListener sessions;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttemptNanos;
    private volatile long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean warned;
    private volatile boolean closed;

    /**
     * Starts connecting in the background.
     *
     * @param purpose   what the connection is for, in logs and the {@code redis_failures_total} label
     * @param pipelined      commands are buffered until {@link #flush()}: only for a single-threaded user
     * @param commandTimeout how long a command may take before it fails with a timeout
     */
    public RedisConnection(RedisClient client, RedisURI uri, String purpose, boolean pipelined, Duration commandTimeout,
                           SabiScoreMetrics metrics) {
        this(client, uri, purpose, pipelined, commandTimeout, metrics, null);
    }

    /**
     * Like {@link #RedisConnection(RedisClient, RedisURI, String, boolean, Duration, SabiScoreMetrics)},
     * telling {@code sessions} (may be null) when each server session starts and ends and what the server pushes.
     */
    public RedisConnection(RedisClient client, RedisURI uri, String purpose, boolean pipelined, Duration commandTimeout,
                           SabiScoreMetrics metrics, RedisSessionListener sessions) {
        this.client = client;
        this.uri = uri;
        this.purpose = purpose;
        this.pipelined = pipelined;
        this.commandTimeout = commandTimeout;
        this.metrics = metrics;
        this.sessions = sessions;
        connectIfDue();
    }

    /** The async commands when Redis is connected now; empty otherwise (and a reconnect is under way). */
    public Optional<RedisAsyncCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            connectIfDue();
            return Optional.empty();
        }
        return current.isOpen() ? Optional.of(current.async()) : Optional.empty();
    }

    /** Whether Redis is connected now. */
    public boolean isUp() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    /** Sends buffered commands of a pipelined connection. */
    public void flush() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.flushCommands();
        }
    }

    private void connectIfDue() {
        if (closed || System.nanoTime() < nextAttemptNanos || !connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((connected, failure) -> {
            try {
                if (failure == null) {
                    connected(connected);
                } else {
                    failed(failure);
                }
            } finally {
                connecting.set(false);
            }
        });
    }

    private void connected(StatefulRedisConnection<String, String> connected) {
        if (closed) {
            connected.closeAsync();
            return;
        }
        connected.setTimeout(commandTimeout);
        if (pipelined) {
            connected.setAutoFlushCommands(false);
        }
        if (sessions != null) {
            connected.addListener((PushListener) sessions::pushed);
            connected.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                    sessions.sessionStarted(connected);
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                    sessions.sessionEnded();
                }
            });
            // the first session began before the listeners were added
            sessions.sessionStarted(connected);
        }
        connection = connected;
        retryMillis = FIRST_RETRY_MILLIS;
        LOG.info("Redis connected for {} at {}:{}", purpose, uri.getHost(), uri.getPort());
    }

    private void failed(Throwable failure) {
        metrics.redisFailure(purpose + "_connect");
        if (!warned) {
            warned = true;
            LOG.warn("Redis at {}:{} does not answer ({}); {} goes on without it and keeps retrying",
                    uri.getHost(), uri.getPort(), failure.getMessage(), purpose);
        }
        nextAttemptNanos = System.nanoTime() + Duration.ofMillis(retryMillis).toNanos();
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
