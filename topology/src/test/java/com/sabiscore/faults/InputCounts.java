package com.sabiscore.faults;

import com.sabiscore.config.AppConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * What the input topics and the dead-letter topic hold: records, and distinct fixtures among
 * them (a history event published twice is one fixture in two records).
 */
record InputCounts(long fixtureRecords, long fixtureIds, long resultRecords, long resultIds, long deadLetters) {

    /** The default topic names: every scenario runs the app with them. */
    static final AppConfig TOPICS = AppConfig.defaults();

    static InputCounts read(String bootstrapServers) {
        long[] fixtures = count(bootstrapServers, TOPICS.fixturesTopic());
        long[] results = count(bootstrapServers, TOPICS.resultsTopic());
        long[] deadLetters = count(bootstrapServers, TOPICS.deadLettersTopic());
        return new InputCounts(fixtures[0], fixtures[1], results[0], results[1], deadLetters[0]);
    }

    /** Records and distinct keys. */
    private static long[] count(String bootstrapServers, String topic) {
        long[] records = {0};
        Set<String> keys = new HashSet<>();
        CommittedRecords.readAll(bootstrapServers, topic, record -> {
            records[0]++;
            keys.add(record.key());
        });
        return new long[] {records[0], keys.size()};
    }

    /** Adds what the inputs hold against the {@code matches} of the replayed history to {@code report}. */
    void check(long matches, FaultReport report) {
        report.line("fixtures topic: %,d records, %,d distinct fixtures; results topic: %,d records, %,d distinct; history: %,d matches (%,d events)",
                fixtureRecords, fixtureIds, resultRecords, resultIds, matches, 2 * matches);
        report.expect(fixtureIds == matches && resultIds == matches,
                "every match of the history is in the inputs once or more (fixtures %,d, results %,d of %,d)", fixtureIds, resultIds, matches);
        report.line("history events published more than once: %,d fixtures, %,d results",
                fixtureRecords - fixtureIds, resultRecords - resultIds);
        report.expect(deadLetters == 0, "no valid history event was dead-lettered (dead letters: %,d)", deadLetters);
    }
}
