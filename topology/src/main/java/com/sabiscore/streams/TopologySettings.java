package com.sabiscore.streams;

import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Topic;
import com.sabiscore.config.Topics;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import com.sabiscore.partitioning.CompetitionPartitioner;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The part of the configuration the topology is built from.
 *
 * @param exactlyOnce whether the stream runs exactly-once. Then the output must not depend on when
 *                    records arrive, so a fixture ahead of the results topic waits for it. Without it
 *                    a crash can leave the stores' changelogs ahead of the output and the input is
 *                    processed again, so an event the stores show as done publishes again the
 *                    predictions it made (see {@code docs/reliability.md}, "App crash")
 */
record TopologySettings(Topics topics, int partitions, CompetitionPartitioner partitioner, long resultHoldGraceMs,
                        boolean exactlyOnce, boolean inMemoryStores) {

    static TopologySettings from(AppConfig config) {
        return new TopologySettings(Topics.from(config), config.topicPartitions(), new CompetitionPartitioner(),
                config.resultHoldGraceMs(), StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee()),
                AppConfig.IN_MEMORY_STORES.equals(config.stateStoreType()));
    }

    /** Whether a fixture ahead of the results topic waits for it (under exactly-once). */
    boolean fixturesWaitForResults() {
        return exactlyOnce;
    }

    /** Whether an event processed again publishes again what it made (under at-least-once). */
    boolean repeatsRepublish() {
        return !exactlyOnce;
    }

    Topic<String, Fixture> fixtures() {
        return topics.fixtures();
    }

    Topic<String, MatchResult> results() {
        return topics.results();
    }

    Topic<String, Prediction> predictions() {
        return topics.predictions();
    }

    Topic<String, DeadLetter> deadLetters() {
        return topics.deadLetters();
    }
}
