package com.sabiscore.data.download;

import com.sabiscore.data.DataLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads the league history: which folder, and whether and from
 * where it may be downloaded when no folder holds it.
 */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "football-data folder (<Div>/<season>.csv); default: $SABISCORE_DATA, ../shared/data/football, "
                    + "then the per-user data folder, downloaded into when empty")
    String data;

    @Option(names = "--offline", description = "never download; fail with a hint when no data is found (also $" + DataFolders.OFFLINE_ENV + "=1)")
    boolean offline;

    @Mixin
    SourceOptions source;

    /** The {@code --data} value, or null. */
    public String data() {
        return data;
    }

    /** {@code --offline}, or {@code SABISCORE_OFFLINE} set to 1, true or yes. */
    public boolean offline(Map<String, String> environment) {
        return offline || DataFolders.offlineIn(environment);
    }

    /** {@code configured} (the environment or the configuration) with {@code --download-url} on top. */
    public DownloadSource source(DownloadSource configured) {
        return source.over(configured);
    }

    /** The folders as this process finds them, downloading from {@code configured} (with the flags on top). */
    public DataFolders folders(DownloadSource configured, PrintWriter err) {
        return new DataFolders(DataLocation.fromSystem(), source(configured), offline(System.getenv()),
                FileDownloader.withDefaults(), DownloadProgress.on(err), Clock.systemDefaultZone());
    }

    /** The football-data folder for a command without a configuration file: the source comes from the environment. */
    public Path football(PrintWriter err) throws InterruptedException {
        return folders(DownloadSource.fromEnvironment(System.getenv()), err).football(data);
    }
}
