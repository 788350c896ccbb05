package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import com.sabiscore.progress.ReplayProgress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sabiscore replay}: publishes football-data history to a running cluster's input topics
 * in kick-off order (each fixture at kick-off, its result after the match). Only the events the
 * topics lack are sent, so running it again after an interruption completes the history.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish fixtures and results from football-data CSVs in kick-off order to the input topics.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ReplayOptions replayOptions;

    @Option(names = "--again", description = "publish every event, also those the input topics hold already (by default only the missing ones)")
    boolean again;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = configOptions.loadForCluster(Map.of());
        StartChecks.requireReachableKafka(config.kafkaBootstrapServers());
        Path dataDir = replayOptions.footballData(config);
        HistoryReplay.publish(config, HistoryReplay.load(dataDir, replayOptions.from, replayOptions.to),
                replayOptions.fixtureLead, again ? HistoryReplay.Mode.ALL : HistoryReplay.Mode.RESUME, new ReplayProgress(), System.out);
        return 0;
    }
}
