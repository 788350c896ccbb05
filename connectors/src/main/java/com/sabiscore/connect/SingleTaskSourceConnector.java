package com.sabiscore.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A source connector that runs one task with its own settings, whatever {@code tasks.max} says:
 * one task keeps every competition's events in order without coordinating anything. The task
 * holds every resource, so stopping the connector has nothing to release.
 */
abstract class SingleTaskSourceConnector extends SourceConnector {

    /** The project version, reported to the worker by the connectors and their tasks. */
    static final String VERSION = readVersion();

    private final Class<? extends Task> taskClass;
    private final ConfigDef configDef;
    private final Consumer<Map<String, String>> validation;
    private Map<String, String> props;

    /** @param validation throws on a bad setting, failing the connector's start */
    SingleTaskSourceConnector(Class<? extends Task> taskClass, ConfigDef configDef, Consumer<Map<String, String>> validation) {
        this.taskClass = taskClass;
        this.configDef = configDef;
        this.validation = validation;
    }

    @Override
    public final void start(Map<String, String> props) {
        validation.accept(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public final Class<? extends Task> taskClass() {
        return taskClass;
    }

    @Override
    public final List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public final void stop() {
        // the task holds every resource
    }

    @Override
    public final ConfigDef config() {
        return configDef;
    }

    @Override
    public final String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = SingleTaskSourceConnector.class.getResourceAsStream("connector.properties")) {
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
