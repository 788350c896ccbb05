package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The options every app command shares: where the configuration file is. */
final class ConfigOptions {

    /** How long a command that joins a running cluster waits for it to answer before giving up. */
    static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file (keys as in docs/configuration.md); env vars override it, flags override both")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any configuration key, e.g. --set topic.partitions=12")
    Map<String, String> settings = new HashMap<>();

    /** Defaults, then the file, then the environment, then {@code --set}, then the command's own {@code flags}. */
    AppConfig load(Map<String, String> flags) {
        Properties file = configFile == null ? new Properties() : AppConfig.readFile(configFile);
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.putAll(flags);
        return AppConfig.load(System.getenv(), file, overrides);
    }

    /**
     * Like {@link #load}, for a command that joins a running cluster: {@code kafka.bootstrap.servers}
     * ({@code KAFKA_BOOTSTRAP_SERVERS}), or else the embedded broker of a {@code sabiscore run} on the same host.
     */
    AppConfig loadForCluster(Map<String, String> flags) {
        AppConfig config = load(flags);
        return config.embeddedBroker() ? config.withKafkaBootstrapServers("127.0.0.1:" + config.embeddedBrokerPort()) : config;
    }
}
