package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.cache.HotKeyTracker;
import com.sabiscore.cache.NearCache;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.cache.RedisConnection;
import com.sabiscore.cache.RedisEndpoint;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The predict contract's asynchronous path against the machine's real Redis: a cache hit is
 * answered from Redis' reply without any worker thread; a miss this instance cannot answer from
 * its own active copy asks for one.
 */
class ReadThroughPredictorTest {

    /** Stands for a worker pool that is full: every task is refused. */
    private static final Executor NO_WORKER = task -> {
        throw new RejectedExecutionException("no worker in this test");
    };

    private static final String MODEL_VERSION = "test-1";

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    /** Stands for the event loop that read the request. */
    private final EventLoop requestLoop = new DefaultEventLoop();
    private final RedisEndpoint endpoint = new RedisEndpoint("redis://127.0.0.1:6379", null, false, Duration.ofSeconds(1));
    private final RedisClient client = endpoint.newClient();
    private final NearCache near = new NearCache(100, PredictionCache.KEY_PREFIX, metrics.registry());
    private final RedisConnection connection = new RedisConnection(client, endpoint.redisUri(), "test", false,
            Duration.ofSeconds(10), metrics, near);
    private final StatefulRedisConnection<String, String> direct = RedisClient.create("redis://127.0.0.1:6379").connect();
    /** A home team unique to this run, so its cache keys meet no other run's. */
    private final String home = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @AfterEach
    void cleanUp() {
        direct.sync().del(PredictionCache.key(MODEL_VERSION, "E0", home, "Chelsea", Instant.parse("2023-10-21T14:00:00Z")));
        direct.close();
        connection.close();
        client.shutdown();
        requestLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        metrics.close();
    }

    private ReadThroughPredictor predictor() throws InterruptedException {
        for (int i = 0; i < 500 && !connection.isUp(); i++) {
            Thread.sleep(10);
        }
        // generous read timeout: on a small machine busy with other work Redis may answer late
        PredictionCache cache = new PredictionCache(connection, near, Duration.ofSeconds(60), Duration.ofSeconds(5), metrics);
        HotKeyTracker tracker = new HotKeyTracker(1_000_000, Duration.ofSeconds(60), System::nanoTime);
        // only the champion's version is read: these requests never reach a predictor
        ServingModels models = new ServingModels(new ServedModel(MODEL_VERSION, "test", null), Duration.ZERO);
        return new ReadThroughPredictor(cache, models, new StreamBinding(tracker), metrics);
    }

    private PredictRequest request() throws Exception {
        return PredictRequest.parse(JsonFormat.mapper().readTree("{\"home_team\":\"" + home
                + "\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}"), "");
    }

    private double answered(String result) {
        return metrics.registry().get("prediction.requests").tag("result", result).counter().count();
    }

    @Test
    void shouldAnswerACacheHitFromRedisWithoutAWorker() throws Exception {
        // given: the answer a hit sends, cached
        PredictRequest request = request();
        String cached = "{\"home_win_prob\":0.5,\"source\":\"cache\"}";
        direct.sync().setex(request.cacheKey(MODEL_VERSION), 60, cached);

        // when: no worker could take the request
        CompletableFuture<byte[]> answer = predictor().predictAsync(request, requestLoop, NO_WORKER);

        // then: the cached bytes, counted as a hit
        assertThat(new String(answer.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo(cached);
        assertThat(answered("cache_hit")).isEqualTo(1);
    }

    @Test
    void shouldHandAMissToAWorkerWhenThisInstanceDoesNotHostItsCompetition() throws Exception {
        // when: nothing is cached, no stream is attached (so nothing is hosted here) and no worker can take the miss
        CompletableFuture<byte[]> answer = predictor().predictAsync(request(), requestLoop, NO_WORKER);

        // then: refused (the server answers 503), not computed on the thread that read Redis' reply
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(RejectedExecutionException.class);
        assertThat(answered("cache_hit")).isZero();
    }
}
