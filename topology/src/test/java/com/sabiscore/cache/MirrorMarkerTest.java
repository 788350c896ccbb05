package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.cache.MirrorMarker.State;
import com.sabiscore.metrics.SabiScoreMetrics;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marker against a private {@code redis-server} that is flushed, restarted and stopped. */
class MirrorMarkerTest {

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private RedisServerProcess server;
    private TestRedis own;
    private RedisConnection connection;
    private MirrorMarker marker;

    @BeforeEach
    void startRedis() throws Exception {
        server = new RedisServerProcess();
        server.start();
        own = new TestRedis(server.uri());
        connection = own.connection(true, metrics);
        marker = new MirrorMarker(connection, Duration.ofSeconds(10));
        awaitUp();
    }

    @AfterEach
    void stopRedis() throws Exception {
        own.close();
        server.close();
        metrics.close();
    }

    private void awaitUp() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!connection.isUp()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for the connection");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void shouldSayLostAtTheFirstCheckAndIntactWhileRedisKeepsItsData() {
        // when / then: nothing is known to be held before the marker is first set
        assertThat(marker.check()).isEqualTo(State.LOST);
        assertThat(marker.check()).isEqualTo(State.INTACT);
        assertThat(marker.check()).isEqualTo(State.INTACT);
    }

    @Test
    void shouldSayLostOnceAfterAFlushWithoutAReconnect() {
        // given
        marker.check();
        try (RedisClient direct = RedisClient.create(server.uri())) {
            // when
            direct.connect().sync().flushall();
        }

        // then the loss is told once: the marker is set again with it
        assertThat(marker.check()).isEqualTo(State.LOST);
        assertThat(marker.check()).isEqualTo(State.INTACT);
    }

    @Test
    void shouldSayUnknownWhileRedisIsAwayAndLostWhenItIsBackEmpty() throws Exception {
        // given
        marker.check();

        // when
        server.stop();

        // then
        assertThat(marker.check()).isEqualTo(State.UNKNOWN);
        server.start();
        awaitUp();
        assertThat(marker.check()).isEqualTo(State.LOST);
        assertThat(marker.check()).isEqualTo(State.INTACT);
    }
}
