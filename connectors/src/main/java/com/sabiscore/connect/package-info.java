/**
 * Kafka Connect plugins that bring feeds into SabiScore. {@link com.sabiscore.connect.FootballDataSourceConnector}
 * publishes a folder of football-data.co.uk CSV files as Fixture and MatchResult events; see
 * {@code docs/connectors.md} for running it with a Connect worker.
 *
 * <p>This module depends on the schemas and the data readers only, never on the topology module:
 * Connect brings Jetty 12.0, the streams app Jetty 12.1.
 */
package com.sabiscore.connect;
