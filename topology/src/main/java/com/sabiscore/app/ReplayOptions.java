package com.sabiscore.app;

import java.time.Duration;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** What to replay: the options {@code run} and {@code replay} share. */
final class ReplayOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "football-data folder (<Div>/<season>.csv); default: SABISCORE_DATA, then ../shared/data/football")
    String data;

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
}
