package com.sabiscore.faults;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every fault scenario shares. */
final class ScenarioOptions {

    @Option(names = "--window", paramLabel = "LEAGUES:FROM:TO",
            description = "history to replay, e.g. E0,D1:2022-08-01:2023-06-30 (any part may be empty); default: the whole history")
    String window = "";

    @Option(names = "--guarantee", description = "processing.guarantee of the app: exactly_once_v2 (default) or at_least_once")
    String guarantee = DeliveryCheck.Guarantee.EXACTLY_ONCE.setting;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "folder for this run's logs, broker and state (emptied first); default topology/target/faults/<scenario>")
    Path workDir;

    @Option(names = "--references", paramLabel = "DIR",
            description = "where uninterrupted runs are kept for reuse; default topology/target/faults/references")
    Path references;

    @Option(names = "--seed", description = "seed of the random fault points (default: the clock; printed, so a run can be repeated)")
    Long seed;

    @Option(names = "--timeout-minutes", description = "longest the pipeline may take to settle after the faults (default ${DEFAULT-VALUE})")
    int timeoutMinutes = 20;

    ReplayWindow replayWindow() {
        return ReplayWindow.parse(window);
    }

    DeliveryCheck.Guarantee processingGuarantee() {
        return DeliveryCheck.Guarantee.of(guarantee);
    }

    long seedOrClock() {
        if (seed == null) {
            seed = System.currentTimeMillis();
        }
        return seed;
    }

    Duration settleTimeout() {
        return Duration.ofMinutes(timeoutMinutes);
    }

    /** The repository the product is run from: {@code sabiscore.repo.root}, else the working folder. */
    static Path repoRoot() {
        String root = System.getProperty("sabiscore.repo.root");
        return Path.of(root == null ? "" : root).toAbsolutePath().normalize();
    }

    Path workDirFor(String scenario) {
        return workDir != null ? workDir : repoRoot().resolve("topology/target/faults/" + scenario);
    }

    Path referenceDir() {
        return references != null ? references : repoRoot().resolve("topology/target/faults/references");
    }
}
