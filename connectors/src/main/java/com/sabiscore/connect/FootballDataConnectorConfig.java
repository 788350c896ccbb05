package com.sabiscore.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings of {@link FootballDataSourceConnector}, checked by the worker before the connector starts. */
public final class FootballDataConnectorConfig extends AbstractConfig {

    public static final String FEED_DIR = "feed.dir";
    public static final String FIXTURES_TOPIC = "fixtures.topic";
    public static final String RESULTS_TOPIC = "results.topic";
    public static final String TOPIC_PARTITIONS = "topic.partitions";
    public static final String DIVISIONS = "divisions";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String BATCH_SIZE = "batch.size";
    public static final String FIXTURE_LEAD_MS = "fixture.lead.ms";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FEED_DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, FootballDataConnectorConfig::requireDirectory,
                    Importance.HIGH, "folder of football-data.co.uk files laid out as <Div>/<season>.csv, e.g. E0/2023-24.csv")
            .define(FIXTURES_TOPIC, Type.STRING, "sabiscore.fixtures", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "topic of the Fixture events")
            .define(RESULTS_TOPIC, Type.STRING, "sabiscore.results", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "topic of the MatchResult events")
            .define(TOPIC_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.HIGH,
                    "partitions of both topics: every record names its competition's partition among them, by the"
                            + " rule of the streams app's CompetitionPartitioner, so it must equal the topics' partition count")
            .define(DIVISIONS, Type.LIST, "", Importance.MEDIUM,
                    "division folders to publish, e.g. E0,SP1; empty publishes every division")
            .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.MEDIUM,
                    "how often the task lists the folder for new season files; the files it follows are checked"
                            + " for new rows at every poll, about once a second when idle")
            .define(BATCH_SIZE, Type.INT, 1_000, Range.atLeast(1), Importance.LOW,
                    "most records handed to the worker per poll")
            .define(FIXTURE_LEAD_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "how long before kick-off a fixture counts as known: its record timestamp and its place in the"
                            + " timeline; 0 (kick-off itself) is what the backtest assumes");

    public FootballDataConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public Path feedDir() {
        return Path.of(getString(FEED_DIR));
    }

    public String fixturesTopic() {
        return getString(FIXTURES_TOPIC);
    }

    public String resultsTopic() {
        return getString(RESULTS_TOPIC);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    /** Division codes to publish; empty means every division found. */
    public Set<String> divisions() {
        return Set.copyOf(getList(DIVISIONS));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public Duration fixtureLead() {
        return Duration.ofMillis(getLong(FIXTURE_LEAD_MS));
    }

    private static void requireDirectory(String name, Object value) {
        if (value == null || !Files.isDirectory(Path.of((String) value))) {
            throw new ConfigException(name, value, "must be an existing folder");
        }
    }
}
