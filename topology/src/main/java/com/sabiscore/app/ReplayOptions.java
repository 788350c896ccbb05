package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.data.download.DataOptions;
import com.sabiscore.data.download.DownloadSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What to replay: the options {@code run} and {@code replay} share. */
final class ReplayOptions {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--from", description = "replay matches from this date (yyyy-MM-dd)")
    LocalDate from;

    @Option(names = "--to", description = "replay matches up to this date (yyyy-MM-dd)")
    LocalDate to;

    /*
     * None: each fixture at its kick-off, one prediction per fixture, exactly the backtest's. The
     * stream holds a result back until the fixtures topic has passed its time (HeldResults), so a
     * fixture overtaken by its own result across the two topics is still predicted; a lead would
     * only add re-scores.
     */
    @Option(names = "--fixture-lead", defaultValue = "PT0S",
            description = "publish each fixture this long before kick-off (ISO-8601, e.g. P2D, PT0S); default ${DEFAULT-VALUE}")
    Duration fixtureLead;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The football-data folder: {@code --data}, then {@code data.dir}, then the usual lookup; when
     * no folder holds data it is downloaded from {@code download.url} first (unless offline).
     */
    Path footballData(AppConfig config) throws InterruptedException {
        String explicit = dataOptions.data() != null ? dataOptions.data()
                : config.dataDir() == null ? null : config.dataDir().toString();
        return dataOptions.folders(configuredSource(config), command.commandLine().getErr()).football(explicit);
    }

    /** The league site, {@code --download-url} or else {@code download.url}: history downloads and the live feed read it. */
    URI leaguesSite(AppConfig config) {
        return dataOptions.source(configuredSource(config)).leagues();
    }

    private static DownloadSource configuredSource(AppConfig config) {
        return DownloadSource.fromEnvironment(System.getenv()).with(config.downloadUrl(), null);
    }
}
