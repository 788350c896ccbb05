package com.sabiscore.connect;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * The pipeline's partition rule for records a Connect worker produces: every event of one
 * competition goes to one partition, so one stream task sees a competition's fixtures and results
 * in order. The competition is the key's prefix before the first {@code ':'} ({@code E0} for
 * {@code E0:2023-08-11:Burnley:Man City}); partition =
 * {@code toPositive(murmur2(competition as UTF-8)) % partitions}, Kafka's own hash.
 *
 * <p>The streams app's {@code CompetitionPartitioner} applies the same rule; it lives in the
 * topology module, which a Connect plugin must not depend on (its Jetty clashes with Connect's).
 */
public final class CompetitionPartition {

    private CompetitionPartition() {
    }

    /** The partition of a fixture, team or competition key among {@code numPartitions}. */
    public static int of(String key, int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + numPartitions);
        }
        int colon = key.indexOf(':');
        String competition = colon < 0 ? key : key.substring(0, colon);
        return Utils.toPositive(Utils.murmur2(competition.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
