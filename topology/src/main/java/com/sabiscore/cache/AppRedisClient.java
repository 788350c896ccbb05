package com.sabiscore.cache;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The app's one Redis client, running on event loops it is lent (the HTTP server's): a cache read
 * started on the loop that holds its connection then needs no other thread. The predict cache and
 * the hot-key mirror each open a {@link RedisConnection} with it and close it before this; the
 * loops' owner shuts them down after this.
 */
public final class AppRedisClient {

    private final RedisEndpoint endpoint;
    private final ClientResources resources;
    private final RedisClient client;

    /** @param eventLoopCount how many loops {@code eventLoops} has */
    public AppRedisClient(RedisEndpoint endpoint, EventLoopGroup eventLoops, int eventLoopCount) {
        this.endpoint = endpoint;
        this.resources = ClientResources.builder()
                .eventLoopGroupProvider(new SharedEventLoops(eventLoops, eventLoopCount))
                .nettyCustomizer(new ConsolidatedFlushes())
                .reconnectDelay(RedisEndpoint.reconnectDelay())
                .build();
        this.client = endpoint.newClient(resources);
    }

    /**
     * A connection that starts in the background and may be absent (see {@link RedisConnection}).
     *
     * @param sessions told of each server session and push message; null for none
     */
    public RedisConnection connect(String purpose, boolean pipelined, Duration commandTimeout, SabiScoreMetrics metrics,
                                   RedisSessionListener sessions) {
        return new RedisConnection(client, endpoint.redisUri(), purpose, pipelined, commandTimeout, metrics, sessions);
    }

    /** Shuts the client down, taking at most {@code within} (its connections are closed already). */
    public void close(Duration within) {
        client.shutdown(0, within.toMillis(), TimeUnit.MILLISECONDS);
        resources.shutdown(0, within.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(within.toMillis());
    }
}
