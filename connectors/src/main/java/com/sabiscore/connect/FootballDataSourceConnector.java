package com.sabiscore.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Publishes a folder of football-data.co.uk season files ({@code <Div>/<season>.csv}) as SabiScore
 * events: for every match a {@code Fixture} on the fixtures topic and a {@code MatchResult} on the
 * results topic, in the order the world learnt them ({@link com.sabiscore.match.MatchTimeline}).
 * Files that appear or grow later are picked up, so a live feed that appends rows keeps flowing.
 *
 * <p>Run it in a Connect worker with {@code org.apache.kafka.connect.storage.StringConverter} for
 * keys and {@code org.apache.kafka.connect.converters.ByteArrayConverter} for values: the values
 * are already Avro single-object bytes. {@code docs/connectors.md} has worker and connector
 * properties.
 *
 * <p>One task whatever {@code tasks.max} says: the whole football-data history is 13 MB, and one
 * reader keeps every competition's events in order without coordinating anything.
 */
public final class FootballDataSourceConnector extends SourceConnector {

    /** The project version, reported to the worker by the connector and its task. */
    static final String VERSION = readVersion();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new FootballDataConnectorConfig(props); // fails the start on a bad setting
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FootballDataSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // the task holds every resource
    }

    @Override
    public ConfigDef config() {
        return FootballDataConnectorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = FootballDataSourceConnector.class.getResourceAsStream("connector.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector.properties is missing from the plugin jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector.properties from the plugin jar", e);
        }
        return properties.getProperty("version");
    }
}
