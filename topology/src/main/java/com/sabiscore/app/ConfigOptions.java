package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The options every app command shares: where the configuration file is. */
final class ConfigOptions {

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
}
