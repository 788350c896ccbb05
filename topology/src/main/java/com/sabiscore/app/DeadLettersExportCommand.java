package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.deadletters.DeadLetterExport;
import com.sabiscore.deadletters.RawRecord;
import com.sabiscore.deadletters.RawRecordFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sabiscore dead-letters export}: writes the refused records of the dead-letter topic to a
 * record file ({@link RawRecordFile}) that a person can read and fix and {@code sabiscore publish}
 * can send back to the input topics.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the dead-letter topic's refused records (original key and value, source topic, partition and offset,"
                + " timestamp, reason, error class) to a JSON-lines file that `sabiscore publish` reads.")
final class DeadLettersExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--to", required = true, paramLabel = "FILE",
            description = "file to write (must not exist yet); - writes to standard output")
    String to;

    @ArgGroup(exclusive = true)
    StartOption start;

    static final class StartOption {
        @Option(names = "--from-offset", paramLabel = "OFFSETS", converter = OffsetsConverter.class,
                description = "start at this offset of every partition (e.g. 120), or of the partitions listed (e.g. 0:120,3:45;"
                        + " the others from the beginning); an export ends by printing the offsets to continue from")
        DeadLetterExport.Start.Offsets offsets;

        @Option(names = "--since", paramLabel = "WHEN", converter = SinceConverter.class,
                description = "only records whose timestamp (the refused record's) is at or after this instant"
                        + " (2024-03-01T12:00:00Z) or day (2024-03-01, from midnight UTC)")
        DeadLetterExport.Start.Since since;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean toStandardOutput = "-".equals(to);
        // the file gets the records, so the report goes to the error stream
        PrintWriter report = toStandardOutput ? err : out;
        Path file = toStandardOutput ? null : Path.of(to);
        if (file != null && Files.exists(file)) {
            err.println(spec.qualifiedName() + ": " + file + " already exists: export to a new file (nothing was written)");
            return CommandLine.ExitCode.USAGE;
        }
        AppConfig config = configOptions.loadForCluster(Map.of());
        DeadLetterExport.Start from = start == null ? new DeadLetterExport.Start.Beginning()
                : start.offsets != null ? start.offsets : start.since;
        Map<String, Long> bySourceTopic = new TreeMap<>();
        DeadLetterExport.Summary summary;
        try {
            summary = toStandardOutput ? export(config, from, out, bySourceTopic) : exportToFile(config, from, file, bySourceTopic);
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        report.printf("exported %,d dead letters from %s at %s to %s%s%n", summary.exported(), config.deadLettersTopic(),
                config.kafkaBootstrapServers(), toStandardOutput ? "standard output" : file,
                bySourceTopic.isEmpty() ? "" : " (" + counts(bySourceTopic) + ")");
        if (!summary.unreadable().isEmpty()) {
            report.printf("skipped %d records that are no dead letter (partition/offset): %s%n",
                    summary.unreadable().size(), String.join(", ", summary.unreadable()));
        }
        report.printf("to export only newer ones later: --from-offset %s%n", summary.nextOffsets().entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(",")));
        report.flush();
        return CommandLine.ExitCode.OK;
    }

    /** Writes beside {@code file} first, so a failed export leaves no half-written file behind. */
    private DeadLetterExport.Summary exportToFile(AppConfig config, DeadLetterExport.Start from, Path file,
                                                 Map<String, Long> bySourceTopic) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            DeadLetterExport.Summary summary;
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                summary = export(config, from, writer, bySourceTopic);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // best effort: the export's own outcome is what the operator needs to see
            }
        }
    }

    private static DeadLetterExport.Summary export(AppConfig config, DeadLetterExport.Start from, Writer target,
                                                  Map<String, Long> bySourceTopic) {
        BufferedWriter lines = target instanceof BufferedWriter buffered ? buffered : new BufferedWriter(target);
        DeadLetterExport.Summary summary = new DeadLetterExport(config.connectionProperties(), ConfigOptions.CLUSTER_TIMEOUT)
                .read(config.deadLettersTopic(), from, record -> {
                    write(lines, record);
                    bySourceTopic.merge(record.topic(), 1L, Long::sum);
                });
        try {
            lines.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
        return summary;
    }

    private static void write(BufferedWriter lines, RawRecord record) {
        try {
            lines.write(RawRecordFile.toLine(record));
            lines.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    private static String counts(Map<String, Long> byTopic) {
        return byTopic.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }

    /** {@code 120} (every partition) or {@code 0:120,3:45} (the partitions listed). */
    static final class OffsetsConverter implements ITypeConverter<DeadLetterExport.Start.Offsets> {
        @Override
        public DeadLetterExport.Start.Offsets convert(String text) {
            Map<Integer, Long> byPartition = new TreeMap<>();
            try {
                if (!text.contains(":")) {
                    return new DeadLetterExport.Start.Offsets(Map.of(), atLeastZero(Long.parseLong(text.strip())));
                }
                for (String item : text.split(",")) {
                    String[] parts = item.strip().split(":", -1);
                    if (parts.length != 2) {
                        throw new TypeConversionException("'" + item + "' is not PARTITION:OFFSET");
                    }
                    byPartition.put((int) atLeastZero(Integer.parseInt(parts[0].strip())), atLeastZero(Long.parseLong(parts[1].strip())));
                }
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is neither an offset (120) nor PARTITION:OFFSET pairs (0:120,3:45)");
            }
            return new DeadLetterExport.Start.Offsets(byPartition, null);
        }

        private static long atLeastZero(long number) {
            if (number < 0) {
                throw new TypeConversionException("offsets and partitions are at least 0, got " + number);
            }
            return number;
        }
    }

    /** An ISO-8601 instant, or a day from midnight UTC. */
    static final class SinceConverter implements ITypeConverter<DeadLetterExport.Start.Since> {
        @Override
        public DeadLetterExport.Start.Since convert(String text) {
            try {
                return new DeadLetterExport.Start.Since(text.contains("T") ? Instant.parse(text)
                        : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + text + "' is neither an instant (2024-03-01T12:00:00Z) nor a day (2024-03-01)");
            }
        }
    }
}
