package com.sabiscore.faults;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The fault tests from the command line (the {@code faults/} scripts run them): each subcommand
 * runs one scenario on real processes, prints what it did and checked with counts, and exits
 * non-zero on any violation.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Fault tests on real processes: crash, bounce, replacement, state loss, shutdown, soak; and the delivery check alone.",
        subcommands = {AppCrashScenario.class, BrokerBounceScenario.class, InstanceReplacedScenario.class, StateLostScenario.class,
                GracefulShutdownScenario.class, SoakScenario.class, CheckCommand.class})
public final class FaultTests implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultTests()).execute(args));
    }
}
