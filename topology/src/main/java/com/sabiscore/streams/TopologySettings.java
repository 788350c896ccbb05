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
 * @param fixturesWaitForResults whether a fixture ahead of the results topic waits for it: under
 *                               exactly-once the output must not depend on when records arrive
 */
record TopologySettings(Topics topics, int partitions, CompetitionPartitioner partitioner, long resultHoldGraceMs,
                        boolean fixturesWaitForResults, boolean inMemoryStores) {

    static TopologySettings from(AppConfig config) {
        return new TopologySettings(Topics.from(config), config.topicPartitions(), new CompetitionPartitioner(),
                config.resultHoldGraceMs(), StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee()),
                AppConfig.IN_MEMORY_STORES.equals(config.stateStoreType()));
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
