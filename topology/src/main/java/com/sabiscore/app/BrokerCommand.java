package com.sabiscore.app;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sabiscore broker}: only the single-node KRaft broker that {@code run} would embed, in a
 * process of its own, until Ctrl-C. Several app instances ({@code KAFKA_BOOTSTRAP_SERVERS}),
 * {@code replay} and the connectors can then share one broker on a machine, and the broker's CPU
 * and GC pauses are its own, as they are with a real cluster.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run only the single-node Kafka broker (embedded.broker.dir, embedded.broker.port) until Ctrl-C;"
                + " point app instances at it with KAFKA_BOOTSTRAP_SERVERS.")
final class BrokerCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--port", description = "client port (default embedded.broker.port, 9092; 0 reuses the folder's last port or picks a free one)")
    Integer port;

    @Option(names = "--dir", paramLabel = "DIR", description = "data folder, kept across restarts (default embedded.broker.dir, ./run/kafka)")
    Path dir;

    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    BrokerCommand() {
        this(System.out);
    }

    BrokerCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("embedded.broker.port", port.toString());
        }
        if (dir != null) {
            flags.put("embedded.broker.dir", dir.toString());
        }
        AppConfig config = configOptions.load(flags);
        StartChecks.requireEmbeddedBrokerRoom(config);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
            // on Ctrl-C the JVM exits once its hooks have run, so the hook itself stops the broker
            Thread hook = new Thread(broker::close, "sabiscore-broker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("Kafka broker ready at %s (data in %s)%n", broker.bootstrapServers(), broker.dataDir());
            out.printf("Run app instances against it, each with its own HTTP port and state folder, e.g.%n"
                    + "  KAFKA_BOOTSTRAP_SERVERS=%s bin/sabiscore run --port 8081 --set state.dir=run/state-1%n",
                    broker.bootstrapServers());
            out.println("Ctrl-C stops the broker.");
            stopRequested.await();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    /** Ends {@link #call} as Ctrl-C would, for a caller in the same JVM. */
    void stop() {
        stopRequested.countDown();
    }
}
