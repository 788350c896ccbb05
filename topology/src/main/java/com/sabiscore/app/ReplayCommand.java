package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sabiscore replay}: publishes football-data history to a running cluster's input topics
 * in kick-off order (each fixture at kick-off, its result after the match).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish fixtures and results from football-data CSVs in kick-off order to the input topics.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ReplayOptions replayOptions;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = configOptions.load(Map.of());
        if (config.embeddedBroker()) {
            // without a cluster, the target is the embedded broker of a `sabiscore run` on this machine
            config = config.withKafkaBootstrapServers("127.0.0.1:" + config.embeddedBrokerPort());
        }
        StartChecks.requireReachableKafka(config.kafkaBootstrapServers());
        Path dataDir = replayOptions.footballData(config);
        HistoryReplay.publish(config, HistoryReplay.load(dataDir, replayOptions.from, replayOptions.to),
                replayOptions.fixtureLead, System.out);
        return 0;
    }
}
