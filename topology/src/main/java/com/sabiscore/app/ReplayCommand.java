package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sabiscore replay}: publishes football-data history to a running cluster's input topics
 * in kick-off order (each fixture at kick-off, its result after the match).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish fixtures and results from football-data CSVs in kick-off order to the input topics.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--data", paramLabel = "DIR", description = "football-data folder (<Div>/<season>.csv)")
    String data;

    @Option(names = "--from", description = "first match date (yyyy-MM-dd)")
    LocalDate from;

    @Option(names = "--to", description = "last match date (yyyy-MM-dd)")
    LocalDate to;

    @Option(names = "--fixture-lead", defaultValue = "PT0S", description = "publish each fixture this long before kick-off (ISO-8601)")
    Duration fixtureLead;

    @Override
    public Integer call() {
        AppConfig config = configOptions.load(Map.of());
        if (config.embeddedBroker()) {
            // without a cluster, the target is the embedded broker of a `sabiscore run` on this machine
            config = config.withKafkaBootstrapServers("127.0.0.1:" + config.embeddedBrokerPort());
        }
        Path dataDir = ConfigOptions.footballData(data, config);
        HistoryReplay.publish(config, HistoryReplay.load(dataDir, from, to), fixtureLead, System.out);
        return 0;
    }
}
