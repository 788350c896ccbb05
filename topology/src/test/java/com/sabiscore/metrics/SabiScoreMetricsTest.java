package com.sabiscore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Prediction;
import com.sabiscore.match.Outcome;
import com.sabiscore.metrics.SabiScoreMetrics.RequestResult;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.query.PredictionEvents;
import com.sabiscore.serving.ModelRelease;
import com.sabiscore.serving.ModelRole;
import com.sabiscore.serving.Releases;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import com.sabiscore.streams.PipelineObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SabiScoreMetricsTest {

    private final SabiScoreMetrics metrics = new SabiScoreMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void shouldExposeRequestCountsByResultAndLatencyInTheSeedsBuckets() {
        // given a cache hit at 3 ms and a miss at 70 ms
        metrics.predictionsAnswered(RequestResult.CACHE_HIT, 1);
        metrics.predictionLatency(TimeUnit.MILLISECONDS.toNanos(3));
        metrics.predictionsAnswered(RequestResult.CACHE_MISS, 1);
        metrics.predictionLatency(TimeUnit.MILLISECONDS.toNanos(70));

        // when
        String scrape = metrics.scrape();

        // then
        assertThat(scrape)
                .contains("prediction_requests_total{result=\"cache_hit\"} 1.0")
                .contains("prediction_requests_total{result=\"cache_miss\"} 1.0")
                .contains("prediction_requests_total{result=\"error\"} 0.0")
                .contains("prediction_latency_seconds_bucket{le=\"0.01\"} 1")
                .contains("prediction_latency_seconds_bucket{le=\"0.05\"} 1")
                .contains("prediction_latency_seconds_bucket{le=\"0.1\"} 2")
                .contains("prediction_latency_seconds_bucket{le=\"0.25\"} 2")
                .contains("prediction_latency_seconds_bucket{le=\"0.5\"} 2")
                .contains("prediction_latency_seconds_bucket{le=\"1.0\"} 2")
                .contains("prediction_latency_seconds_count 2")
                .contains("prediction_latency_summary_seconds{quantile=\"0.99\"}");
    }

    @Test
    void shouldExposeWhatTheStreamReports() {
        // given
        PipelineObserver pipeline = metrics;
        Prediction prediction = PredictionEvents.aPrediction().build();

        // when
        pipeline.predictionEmitted(prediction);
        pipeline.predictionEmitted(prediction);
        pipeline.deadLetter("sabiscore.fixtures", "unreadable Avro: truncated body at byte 17");
        pipeline.scored(TimeUnit.MICROSECONDS.toNanos(20));

        // then
        assertThat(metrics.scrape())
                .contains("predictions_emitted_total 2.0")
                .contains("dead_letters_total{topic=\"sabiscore.fixtures\"} 1.0")
                .contains("onnx_scoring_seconds_count 1");
    }

    @Test
    void shouldExposeRedisHealthAndTheJvm() {
        // when
        metrics.redisFailure("cache_get");
        metrics.mirrorWrites("written", 4);
        metrics.mirrorBacklog(2_500, 7);

        // then
        assertThat(metrics.scrape())
                .contains("redis_failures_total{operation=\"cache_get\"} 1.0")
                .contains("redis_mirror_writes_total{outcome=\"written\"} 4.0")
                .contains("redis_mirror_lag_seconds 2.5")
                .contains("redis_mirror_pending 7.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_");
    }

    @Test
    void shouldShowTheModelsServingTheReleasesRefusedAndEachModelsRunningScores() {
        try (ServingModels models = new ServingModels(ServedModel.of(FixturePredictor.withDefaults(), "classpath"), Duration.ofHours(1))) {
            // given the committed model as champion, a challenger, and a corrupt release named champion
            metrics.bindModels(models);
            Map<String, ModelRelease> published = Map.of("uniform-1", Releases.uniform("uniform-1"),
                    "broken", Releases.withOddsModel(Releases.uniform("broken"), bytes -> new byte[] {1}));
            models.adopt(null, "uniform-1", published);
            models.adopt("broken", "uniform-1", published);
            // and one result of a fixture the challenger forecast flat
            models.scoreboard().add("uniform-1", ModelRole.CHALLENGER, 1.0 / 3, 1.0 / 3, 1.0 / 3, Outcome.HOME);

            // then
            assertThat(metrics.scrape())
                    .contains("sabiscore_model_info{role=\"champion\",version=\"ensemble-v2-2023-24\"} 1")
                    .contains("sabiscore_model_info{role=\"challenger\",version=\"uniform-1\"} 1")
                    .contains("sabiscore_model_refused_total{reason=\"corrupt\"} 1.0")
                    .contains("sabiscore_model_log_loss{model_version=\"uniform-1\",role=\"challenger\"} 1.0986")
                    .contains("sabiscore_model_brier{model_version=\"uniform-1\",role=\"challenger\"} 0.6666")
                    .contains("sabiscore_model_rps{model_version=\"uniform-1\",role=\"challenger\"} 0.2777")
                    .contains("sabiscore_model_results{model_version=\"uniform-1\",role=\"challenger\"} 1.0");

            // when the challenger is promoted, then the info shows the new lineup only
            models.adopt("uniform-1", null, published);
            assertThat(metrics.scrape())
                    .contains("sabiscore_model_info{role=\"champion\",version=\"uniform-1\"} 1")
                    .doesNotContain("sabiscore_model_info{role=\"challenger\"")
                    .doesNotContain("version=\"ensemble-v2-2023-24\"");
        }
    }
}
