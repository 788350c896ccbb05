package com.sabiscore.faults;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The delivery checker on its own, for any cluster: saves the committed predictions of a run as a
 * reference ({@code --save}), or checks a run's committed output and inputs against a saved one.
 * <pre>
 *   faults/scenario.sh check --bootstrap-servers 127.0.0.1:9092 --save run/reference.ledger.gz
 *   faults/scenario.sh check --bootstrap-servers 127.0.0.1:9092 --reference run/reference.ledger.gz --window :2015-01-01:
 * </pre>
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "save a cluster's committed predictions as a reference, or check them against one")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "the cluster, host:port")
    String bootstrapServers;

    @Option(names = "--save", paramLabel = "FILE", description = "save the committed predictions to FILE and stop")
    Path save;

    @Option(names = "--reference", paramLabel = "FILE", description = "a file saved with --save, from an uninterrupted run")
    Path reference;

    @Option(names = "--window", paramLabel = "LEAGUES:FROM:TO", description = "the history replayed (for the input counts); default: all of it")
    String window = "";

    @Option(names = "--guarantee", description = "exactly_once_v2 (default) or at_least_once")
    String guarantee = DeliveryCheck.Guarantee.EXACTLY_ONCE.setting;

    @Override
    public Integer call() {
        PredictionLedger run = PredictionLedger.read(bootstrapServers, InputCounts.TOPICS.predictionsTopic(), bootstrapServers);
        if (save != null) {
            run.save(save);
            System.out.printf("saved %,d predictions of %,d fixtures to %s%n", run.predictions(), run.fixtures(), save);
            return 0;
        }
        if (reference == null) {
            System.out.println("give --reference FILE to check against, or --save FILE to make one");
            return 2;
        }
        long matches = ReplayWindow.parse(window).matches().size();
        FaultReport report = DeliveryCheck.check(DeliveryCheck.Guarantee.of(guarantee), PredictionLedger.load(reference), run,
                InputCounts.read(bootstrapServers), matches);
        System.out.print(report.text());
        return report.passed() ? 0 : 1;
    }
}
