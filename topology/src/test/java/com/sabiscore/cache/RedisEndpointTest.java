package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reaching a Redis that asks for a password: a real {@code redis-server --requirepass} of the test's own. */
class RedisEndpointTest {

    private static final String PASSWORD = "redis-s3cret";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedisWithAPassword() throws Exception {
        server = new RedisServerProcess(null, PASSWORD);
        server.start();
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldLogInWithTheConfiguredPassword() {
        assertThat(roundTrip(new RedisEndpoint(server.uri(), PASSWORD, false, TIMEOUT))).isEqualTo("served");
    }

    @Test
    void shouldLogInWithAPasswordInTheUri() {
        String uri = "redis://:" + PASSWORD + "@127.0.0.1:" + server.port;

        assertThat(roundTrip(new RedisEndpoint(uri, null, false, TIMEOUT))).isEqualTo("served");
    }

    @Test
    void shouldNeverShowThePassword() {
        assertThat(new RedisEndpoint("redis://:in-uri@cache:6379", PASSWORD, false, TIMEOUT).toString())
                .doesNotContain(PASSWORD, "in-uri").contains("redis://****@cache:6379", "password=****");
    }

    @Test
    void shouldBeRefusedWithoutThePassword() {
        assertThatThrownBy(() -> roundTrip(new RedisEndpoint(server.uri(), null, false, TIMEOUT)))
                .hasStackTraceContaining("NOAUTH");
        assertThatThrownBy(() -> roundTrip(new RedisEndpoint(server.uri(), "guess", false, TIMEOUT)))
                .hasStackTraceContaining("WRONGPASS");
    }

    @Test
    void shouldSpeakTlsToARedissUriOrWhenTold() {
        assertThat(new RedisEndpoint("rediss://cache.example:6380", PASSWORD, false, TIMEOUT).redisUri().isSsl()).isTrue();
        assertThat(new RedisEndpoint("redis://cache.example:6380", PASSWORD, true, TIMEOUT).redisUri().isSsl()).isTrue();
        assertThat(new RedisEndpoint("redis://cache.example:6379", PASSWORD, false, TIMEOUT).redisUri().isSsl()).isFalse();
    }

    /** Writes a key and reads it back through a client of {@code endpoint}. */
    private static String roundTrip(RedisEndpoint endpoint) {
        RedisClient client = endpoint.newClient();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("endpoint-test", "served");
            return connection.sync().get("endpoint-test");
        } finally {
            client.shutdown();
        }
    }
}
