package com.sabiscore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running JVM holds, read from outside as an operator would: resident memory, threads and
 * open files from {@code /proc}, and the heap after a full collection and the metaspace from
 * {@code jcmd} (GC.run, then GC.heap_info).
 */
final class ProcessGauges {

    /** One reading; memory in MiB. */
    record Sample(double minutes, double rssMb, double heapAfterGcMb, double metaspaceMb, long openFiles, long threads) {
    }

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");
    private static final Pattern STATUS_KB = Pattern.compile("(\\d+) kB");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    private final long pid;
    private final Path workDir;
    private final long startNanos = System.nanoTime();

    ProcessGauges(long pid, Path workDir) {
        this.pid = pid;
        this.workDir = workDir;
    }

    Sample sample() throws InterruptedException {
        jcmd("GC.run");
        String heap = jcmd("GC.heap_info");
        Map<String, String> status = status();
        return new Sample((System.nanoTime() - startNanos) / 60e9,
                kilobytes(status.get("VmRSS")) / 1024.0,
                first(HEAP_USED, heap) / 1024.0,
                first(METASPACE_USED, heap) / 1024.0,
                openFiles(),
                Long.parseLong(status.get("Threads").trim()));
    }

    /** Bytes of live objects per class ({@code jcmd GC.class_histogram}, after a full collection). */
    Map<String, Long> classBytes() throws InterruptedException {
        Map<String, Long> bytes = new HashMap<>();
        Matcher row = HISTOGRAM_ROW.matcher(jcmd("GC.class_histogram"));
        while (row.find()) {
            bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return bytes;
    }

    private Map<String, String> status() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(line -> line.contains(":"))
                    .collect(java.util.stream.Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                            line -> line.substring(line.indexOf(':') + 1), (a, b) -> a));
        } catch (IOException e) {
            throw new ScenarioFailure("cannot read /proc/" + pid + "/status: " + e.getMessage());
        }
    }

    private long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jcmd(String command) throws InterruptedException {
        Path out = workDir.resolve("jcmd.out");
        ChildProcess jcmd = ChildProcess.start("jcmd", List.of("jcmd", Long.toString(pid), command), Map.of(), workDir, out);
        OptionalInt status = jcmd.awaitExit(Duration.ofSeconds(60));
        if (status.isEmpty() || status.getAsInt() != 0) {
            jcmd.close();
            throw new ScenarioFailure("jcmd " + pid + " " + command + " failed\n" + jcmd.tail());
        }
        return jcmd.output();
    }

    private static long first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new ScenarioFailure("no " + pattern + " in the jcmd output:\n" + text);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static long kilobytes(String value) {
        Matcher matcher = STATUS_KB.matcher(value);
        if (!matcher.find()) {
            throw new ScenarioFailure("unexpected /proc status value " + value);
        }
        return Long.parseLong(matcher.group(1));
    }
}
