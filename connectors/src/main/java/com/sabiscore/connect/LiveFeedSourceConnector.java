package com.sabiscore.connect;

/**
 * Follows football-data.co.uk over HTTP and publishes the season in progress as SabiScore events:
 * the division files {@code {feed.url}/mmz4281/{yyZZ}/{Div}.csv} gain a row for each match played,
 * published as a {@code MatchResult}; {@code {feed.url}/fixtures.csv} lists the coming matches with
 * their pre-match odds, published as {@code Fixture}s (again when a kick-off or the odds change).
 * Each event goes out once, whatever order the files list their rows in; a row that cannot be
 * published goes to the dead-letter topic with the reason. See {@link LiveFeedSourceTask}.
 *
 * <p>Run it with the worker settings of {@link FootballDataSourceConnector} (string keys, byte-array
 * values); {@code docs/connectors.md} has the properties. {@code bin/sabiscore run --live} runs the
 * same task inside the app, without a Connect cluster.
 *
 * <p>One task whatever {@code tasks.max} says: six small files per poll need no sharing, and one
 * task keeps each competition's events in order.
 */
public final class LiveFeedSourceConnector extends SingleTaskSourceConnector {

    public LiveFeedSourceConnector() {
        super(LiveFeedSourceTask.class, LiveFeedConnectorConfig.CONFIG_DEF, LiveFeedConnectorConfig::new);
    }
}
