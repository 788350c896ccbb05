package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.deadletters.MalformedLineException;
import com.sabiscore.deadletters.RawRecordFile;
import com.sabiscore.deadletters.RawRecordPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sabiscore publish}: sends the raw records of a record file (as {@code dead-letters export}
 * writes it) to their topics, each on its competition's partition, e.g. dead letters after they
 * were fixed. Every line is checked before the first record is sent.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish the raw records of a JSON-lines record file (see `sabiscore dead-letters export`) to their topic,"
                + " each on its competition's partition; every line is checked first, so a bad line publishes nothing.")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the record file, one JSON record per line")
    Path file;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "publish every record to this topic instead of the one its line names")
    String topic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RawRecordFile.Line> lines;
        try {
            lines = RawRecordFile.read(file, topic);
        } catch (NoSuchFileException e) {
            err.println(spec.qualifiedName() + ": " + file + " does not exist (nothing published)");
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": cannot read " + file + ": " + e.getMessage() + " (nothing published)");
            return CommandLine.ExitCode.USAGE;
        } catch (MalformedLineException e) {
            err.println(spec.qualifiedName() + ": " + file + " " + e.getMessage() + " (nothing published)");
            return CommandLine.ExitCode.USAGE;
        }
        if (topic != null) {
            lines = lines.stream().map(line -> new RawRecordFile.Line(line.number(), line.record().toTopic(topic))).toList();
        }
        if (lines.isEmpty()) {
            out.println("published nothing: " + file + " holds no records");
            return CommandLine.ExitCode.OK;
        }
        AppConfig config = configOptions.loadForCluster(Map.of());
        Map<String, Long> published;
        try {
            published = new RawRecordPublisher(config.connectionProperties(), ConfigOptions.CLUSTER_TIMEOUT).publish(lines);
        } catch (RawRecordPublisher.UnpublishableException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (IllegalStateException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        out.printf("published %,d records to %s (%s)%n", lines.size(), config.kafkaBootstrapServers(),
                published.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}
