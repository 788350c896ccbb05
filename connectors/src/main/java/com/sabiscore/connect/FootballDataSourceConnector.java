package com.sabiscore.connect;

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
public final class FootballDataSourceConnector extends SingleTaskSourceConnector {

    public FootballDataSourceConnector() {
        super(FootballDataSourceTask.class, FootballDataConnectorConfig.CONFIG_DEF, FootballDataConnectorConfig::new);
    }
}
