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
     * A day, as live feeds announce fixtures ahead: fixtures and results travel on two topics, and
     * under a backlog Kafka Streams can process a result ahead of fixtures sent before it. With no
     * lead, a fixture overtaken by its own result is skipped as played (hundreds per whole-history
     * replay); a day ahead, an overtaken fixture is merely re-scored (docs/benchmarks.md section 1).
     */
    @Option(names = "--fixture-lead", defaultValue = "P1D",
            description = "publish each fixture this long before kick-off (ISO-8601, e.g. P2D, PT0S); default ${DEFAULT-VALUE}")
    Duration fixtureLead;
}
