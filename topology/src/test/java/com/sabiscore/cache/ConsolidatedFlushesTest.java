package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsolidatedFlushesTest {

    @Test
    void shouldPutAFlushConsolidationFirstInEveryNewChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();

        new ConsolidatedFlushes().afterChannelInitialized(channel);

        assertThat(channel.pipeline().first()).isInstanceOf(FlushConsolidationHandler.class);
        channel.finishAndReleaseAll();
    }

    /** Against the machine's real Redis: commands written from any thread, and from the event loop itself, all go out. */
    @Test
    void shouldSendEveryCommandWhereverItIsWritten() throws Exception {
        ClientResources resources = ClientResources.builder().nettyCustomizer(new ConsolidatedFlushes()).build();
        RedisClient client = RedisClient.create(resources, TestRedis.URI);
        try (TestRedis redis = new TestRedis();
             StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> commands = connection.async();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String key = redis.runId + ":direct:" + i;
                sent.add(commands.setex(key, 60, "v" + i).toCompletableFuture());
            }
            for (int i = 0; i < 500; i++) {
                String key = redis.runId + ":from-loop:" + i;
                // the follow-up SETEX is written by the reply's callback, on the connection's own event loop
                sent.add(commands.get(key).toCompletableFuture()
                        .thenCompose(absent -> commands.setex(key, 60, "w").toCompletableFuture()));
            }

            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(redis.look().get(redis.runId + ":direct:499")).isEqualTo("v499");
            assertThat(redis.look().keys(redis.runId + ":from-loop:*")).hasSize(500);
        } finally {
            client.shutdown();
            resources.shutdown();
        }
    }
}
