package com.sabiscore.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Where Redis is and how to talk to it.
 *
 * @param uri            e.g. {@code redis://127.0.0.1:6379} ({@code rediss://} also turns TLS on)
 * @param password       empty or null for none
 * @param tls            connect with TLS
 * @param commandTimeout how long a connection attempt (and a command, unless its connection says otherwise)
 *                       may take before it counts as failed
 */
public record RedisEndpoint(String uri, String password, boolean tls, Duration commandTimeout) {

    /**
     * Waits between attempts to reconnect a dropped connection, for the client resources of the
     * app's clients: doubling from 1 ms to at most 1 s, where lettuce's default doubles to 30 s and
     * would leave the cache and the mirror without Redis for up to 30 s after it returns.
     */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(1), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);
    }

    public RedisURI redisUri() {
        RedisURI.Builder builder = RedisURI.builder(RedisURI.create(uri)).withTimeout(commandTimeout);
        if (password != null && !password.isEmpty()) {
            builder.withPassword(password.toCharArray());
        }
        if (tls) {
            builder.withSsl(true);
        }
        return builder.build();
    }

    /**
     * A client that fails fast while Redis is away, so a cache miss computes instead of waiting:
     * commands are rejected while disconnected instead of queued (lettuce's default), every command
     * times out after {@link #commandTimeout()}, and the connection is re-established in the background.
     * One client serves every connection; shut it down after them.
     */
    public RedisClient newClient() {
        return configured(RedisClient.create(redisUri()));
    }

    /** Like {@link #newClient()}, with its connections on {@code resources}' event loops (shut those down after the client). */
    public RedisClient newClient(ClientResources resources) {
        return configured(RedisClient.create(resources, redisUri()));
    }

    /** Without the password, here or in the URI: endpoints get logged. */
    @Override
    public String toString() {
        return "RedisEndpoint[uri=" + uri.replaceFirst("//[^@/]*@", "//****@") + ", password=" + (password == null || password.isEmpty() ? "none" : "****")
                + ", tls=" + tls + ", commandTimeout=" + commandTimeout + "]";
    }

    private RedisClient configured(RedisClient client) {
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
        return client;
    }
}
