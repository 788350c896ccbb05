package com.sabiscore.app;

import com.sabiscore.backtest.BacktestCommand;
import com.sabiscore.data.DownloadCommand;
import com.sabiscore.training.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sabiscore} launcher ({@code bin/sabiscore}): one entry point for every job. */
@Command(name = "sabiscore", mixinStandardHelpOptions = true, version = "SabiScore Streams 1.0",
        description = "Real-time football predictions on Kafka Streams with an embedded ONNX ensemble.",
        subcommands = {RunCommand.class, BrokerCommand.class, ReplayCommand.class, TrainCommand.class, BacktestCommand.class, DownloadCommand.class,
                DeadLettersCommand.class, PublishCommand.class})
public final class SabiScoreCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The launcher's command line, as {@code main} runs it. */
    public static CommandLine commandLine() {
        return new CommandLine(new SabiScoreCommand()).setParameterExceptionHandler(new OneLineUsageErrors());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
