package com.sabiscore.connect;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import com.sabiscore.data.download.DownloadSource;
import com.sabiscore.match.Competition;

/** The settings of {@link LiveFeedSourceConnector}, checked by the worker before the connector starts. */
public final class LiveFeedConnectorConfig extends AbstractConfig {

    public static final String FEED_URL = "feed.url";
    public static final String DIVISIONS = "divisions";
    public static final String POLL_INTERVAL = "feed.poll.interval";
    public static final String RETRY_BACKOFF = "feed.retry.backoff";
    public static final String FIXTURES_TOPIC = FootballDataConnectorConfig.FIXTURES_TOPIC;
    public static final String RESULTS_TOPIC = FootballDataConnectorConfig.RESULTS_TOPIC;
    public static final String DEAD_LETTERS_TOPIC = "dead.letters.topic";
    public static final String TOPIC_PARTITIONS = FootballDataConnectorConfig.TOPIC_PARTITIONS;

    /** The leagues SabiScore has models for. */
    public static final List<String> DEFAULT_DIVISIONS = List.of("E0", "D1", "I1", "SP1", "F1");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FEED_URL, Type.STRING, DownloadSource.DEFAULT_LEAGUES_URL, LiveFeedConnectorConfig::requireHttpUrl,
                    Importance.HIGH, "site laid out as football-data.co.uk: {base}/mmz4281/{yyZZ}/{Div}.csv and {base}/fixtures.csv")
            .define(DIVISIONS, Type.LIST, String.join(",", DEFAULT_DIVISIONS), LiveFeedConnectorConfig::requireLeagues,
                    Importance.HIGH, "divisions to follow, e.g. E0,SP1: league codes SabiScore knows")
            .define(POLL_INTERVAL, Type.STRING, "PT10M", LiveFeedConnectorConfig::requirePositiveDuration, Importance.MEDIUM,
                    "ISO-8601 time between two looks at the site, e.g. PT10M; unchanged files cost a 304 answer each")
            .define(RETRY_BACKOFF, Type.STRING, "PT30S", LiveFeedConnectorConfig::requirePositiveDuration, Importance.LOW,
                    "ISO-8601 wait before the first retry of a poll that failed; it doubles with each failure in a row,"
                            + " up to " + POLL_INTERVAL)
            .define(FIXTURES_TOPIC, Type.STRING, "sabiscore.fixtures", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "topic of the Fixture events")
            .define(RESULTS_TOPIC, Type.STRING, "sabiscore.results", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "topic of the MatchResult events")
            .define(DEAD_LETTERS_TOPIC, Type.STRING, "sabiscore.dead-letters", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "topic of the DeadLetter records of rows that cannot be published")
            .define(TOPIC_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.HIGH,
                    "partitions of the fixtures and results topics: every record names its competition's partition among"
                            + " them, by the rule of the streams app's CompetitionPartitioner");

    public LiveFeedConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public URI feedUrl() {
        return URI.create(getString(FEED_URL));
    }

    public Set<String> divisions() {
        return Set.copyOf(getList(DIVISIONS));
    }

    public Duration pollInterval() {
        return Duration.parse(getString(POLL_INTERVAL));
    }

    public Duration retryBackoff() {
        return Duration.parse(getString(RETRY_BACKOFF));
    }

    public String fixturesTopic() {
        return getString(FIXTURES_TOPIC);
    }

    public String resultsTopic() {
        return getString(RESULTS_TOPIC);
    }

    public String deadLettersTopic() {
        return getString(DEAD_LETTERS_TOPIC);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    private static void requireHttpUrl(String name, Object value) {
        try {
            DownloadSource.parse((String) value, "", name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "must be an http:// or https:// URL");
        }
    }

    private static void requirePositiveDuration(String name, Object value) {
        try {
            if (Duration.parse((String) value).compareTo(Duration.ZERO) > 0) {
                return;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            // reported below
        }
        throw new ConfigException(name, value, "must be a positive ISO-8601 duration such as PT10M or PT30S");
    }

    @SuppressWarnings("unchecked")
    private static void requireLeagues(String name, Object value) {
        List<String> divisions = (List<String>) value;
        if (divisions == null || divisions.isEmpty()) {
            throw new ConfigException(name, value, "must name at least one division, e.g. E0");
        }
        for (String division : divisions) {
            boolean league = Competition.parse(division).filter(known -> known.code().equals(division))
                    .filter(known -> known != Competition.INT).isPresent();
            if (!league) {
                throw new ConfigException(name, value, "'" + division + "' is not a league SabiScore knows (" + DEFAULT_DIVISIONS + ")");
            }
        }
    }
}
