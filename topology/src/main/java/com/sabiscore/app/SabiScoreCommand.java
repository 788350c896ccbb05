package com.sabiscore.app;

import com.sabiscore.backtest.BacktestCommand;
import com.sabiscore.cli.CommandFailures;
import com.sabiscore.data.download.DownloadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code sabiscore} launcher ({@code bin/sabiscore}): one entry point for every job. A failure
 * prints one line and exits 1 (2 for a wrong option); {@code --verbose} adds the stack trace.
 */
@Command(name = "sabiscore", mixinStandardHelpOptions = true, version = "SabiScore Streams 1.0",
        description = "Real-time football predictions on Kafka Streams with an embedded ONNX ensemble.",
        subcommands = {RunCommand.class, BrokerCommand.class, ReplayCommand.class, TrainAndPublishCommand.class, BacktestCommand.class, DownloadCommand.class,
                DeadLettersCommand.class, PublishCommand.class, ModelCommand.class})
public final class SabiScoreCommand implements Runnable {

    @Option(names = CommandFailures.VERBOSE, scope = ScopeType.INHERIT, description = "print the stack trace of a failure")
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The launcher's command line, failures reported as {@link CommandFailures} says. */
    public static CommandLine commandLine() {
        return CommandFailures.install(new CommandLine(new SabiScoreCommand()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
