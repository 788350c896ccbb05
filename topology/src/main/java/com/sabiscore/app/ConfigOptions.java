package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.data.DataLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The options every app command shares: where the configuration file is. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file (keys as in docs/configuration.md); env vars override it, flags override both")
    Path configFile;

    /** Defaults, then the file, then the environment, then {@code flags}. */
    AppConfig load(Map<String, String> flags) {
        Properties file = configFile == null ? new Properties() : AppConfig.readFile(configFile);
        return AppConfig.load(System.getenv(), file, flags);
    }

    /** The football-data folder: {@code --data}, then {@code data.dir}, then the documented lookup. */
    static Path footballData(String flag, AppConfig config) {
        String explicit = flag != null ? flag : config.dataDir() == null ? null : config.dataDir().toString();
        return DataLocation.fromSystem().football(explicit);
    }
}
