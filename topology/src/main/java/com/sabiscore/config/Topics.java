package com.sabiscore.config;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The app's topics, each declared once with its types. Every key is a fixture id (UTF-8 string),
 * so a competition's events share a partition (see {@code CompetitionPartitioner}).
 */
public record Topics(
        Topic<String, Fixture> fixtures,
        Topic<String, MatchResult> results,
        Topic<String, Prediction> predictions,
        Topic<String, DeadLetter> deadLetters) {

    /**
     * {@code segment.ms} of the app's topics, instead of Kafka's 7 days (Kafka Streams' changelogs
     * keep the 7 days: they are stamped with append time, see {@code AppConfig}). Segments roll on
     * record timestamps, and a replay publishes decades of event time in a minute: with 7 days
     * every partition would roll a segment per week of history (over a thousand in 1993-2024), each
     * roll a new log and index files plus a producer-state snapshot forced to disk. A year still
     * lets compaction and retention work on live data. Larger is not better: with much larger
     * segments a replay's fetches run years ahead on one input topic, its fixtures far ahead of
     * their results, and each result then re-scores a pile of pending fixtures.
     */
    public static final long SEGMENT_MS = Duration.ofDays(365).toMillis();

    /**
     * {@code max.message.bytes} of what the stream writes (predictions, dead letters, changelogs):
     * 8 MiB, while the input topics keep the broker's limit (1 MiB by default). A record derived
     * from an input is larger than it: a dead letter holds the original key and value, the key
     * again and a reason that may quote them; a stored fixture adds its status. Were the limits
     * equal, one input close to the limit would fail the stream's write and stop every competition.
     */
    public static final int OUTPUT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /**
     * {@code max.message.bytes} of the models topic: a release carries both heads' ONNX models (about
     * 70 KB each for the committed 50-tree heads, several MB for ensembles of hundreds of deep trees).
     */
    public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /**
     * The models topic: releases keyed {@code release:<version>} and the roles keyed {@code roles},
     * both {@link ModelRecord}s. Not one of the stream's topics: every instance reads it whole, from
     * the start, outside Kafka Streams (see {@code modelfeed}), so it has one partition and is compacted.
     */
    public static Topic<String, ModelRecord> models(AppConfig config) {
        return new Topic<>(config.modelsTopic(), Serdes.String(), EventSerdes.modelRecord());
    }

    public static Topics from(AppConfig config) {
        return new Topics(
                new Topic<>(config.fixturesTopic(), Serdes.String(), EventSerdes.fixture()),
                new Topic<>(config.resultsTopic(), Serdes.String(), EventSerdes.result()),
                new Topic<>(config.predictionsTopic(), Serdes.String(), EventSerdes.prediction()),
                new Topic<>(config.deadLettersTopic(), Serdes.String(), EventSerdes.deadLetter()));
    }

    /** Every topic the app reads or writes, inputs first. */
    public List<Topic<String, ?>> all() {
        return List.of(fixtures, results, predictions, deadLetters);
    }

    public List<String> names() {
        return all().stream().map(Topic::name).toList();
    }
}
