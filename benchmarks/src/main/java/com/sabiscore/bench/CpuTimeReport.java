package com.sabiscore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of the benchmark JVM by component (stream thread, replay producer, broker, ...), per
 * event. On a machine shared with other work, wall-clock throughput says how busy the machine
 * was; CPU time per event says what each part of the pipeline costs, and that is what a change is
 * judged by. Threads that ended before {@link #stop} are not counted (the process total is).
 */
final class CpuTimeReport {

    /** First match wins; names as Kafka, Kafka Streams and this benchmark give them. */
    private static final List<Map.Entry<String, Pattern>> COMPONENTS = List.of(
            Map.entry("stream thread (processing, commits)", Pattern.compile("StreamThread-\\d+$")),
            Map.entry("stream producer I/O", Pattern.compile("StreamThread-\\d+-producer")),
            Map.entry("stream state updater", Pattern.compile("StateUpdater")),
            Map.entry("replay producer: main thread (encode, send)", Pattern.compile("^main$")),
            Map.entry("replay producer I/O", Pattern.compile("^kafka-producer-network-thread \\| producer-")),
            Map.entry("prediction watcher (read_committed consumer)", Pattern.compile("prediction-watcher")),
            Map.entry("broker request handlers", Pattern.compile("request-handler")),
            Map.entry("broker network threads", Pattern.compile("network-thread-\\d+-")),
            Map.entry("broker other (raft, scheduler, coordinators, cleaner)", Pattern.compile("kafka|raft|quorum|broker|controller|group-coordinator|transaction|Txn|log-|ExpirationReaper|LogDirFailure|AddPartitions")),
            Map.entry("other Java threads", Pattern.compile(".*")));
    /**
     * The JVM's own threads, which {@link ThreadMXBean} does not list: read from Linux's
     * {@code /proc/self/task} by thread name ({@code comm}, cut at 15 characters). In a replay of a
     * minute the C2 compiler was the largest single consumer, so it must be seen, not guessed.
     */
    private static final Map<String, Pattern> JVM_THREADS = Map.of(
            "JIT compilers (C1, C2)", Pattern.compile("^C\\d CompilerThre"),
            "garbage collector (GC, G1 threads)", Pattern.compile("^(GC Thread|G1 |VM Thread|VM Periodic)"));
    /** Clock ticks per second of {@code /proc/.../stat}: 100 on every Linux x86_64 kernel config in use. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startCpu = new LinkedHashMap<>();
    /** A broker running in its own process, whose CPU is reported beside this JVM's. */
    private final OptionalLong brokerPid;
    private double startBrokerSeconds;
    private Map<String, Double> startJvmSeconds = Map.of();
    private long startProcessCpu;
    private long startWall;

    CpuTimeReport(OptionalLong brokerPid) {
        this.brokerPid = brokerPid;
    }

    /** Notes every live thread's CPU time so far. */
    void start() {
        startBrokerSeconds = brokerSeconds();
        for (long id : threads.getAllThreadIds()) {
            startCpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        startJvmSeconds = jvmThreadSeconds();
        startProcessCpu = os.getProcessCpuTime();
        startWall = System.nanoTime();
    }

    /** CPU used since {@link #start} by component, in ms and µs per event. */
    String stop(long events) {
        long wall = System.nanoTime() - startWall;
        long processCpu = os.getProcessCpuTime() - startProcessCpu;
        Map<String, Long> byComponent = new LinkedHashMap<>();
        COMPONENTS.forEach(component -> byComponent.put(component.getKey(), 0L));
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - startCpu.getOrDefault(info.getThreadId(), 0L);
            String component = COMPONENTS.stream().filter(c -> c.getValue().matcher(info.getThreadName()).find())
                    .findFirst().orElseThrow().getKey();
            byComponent.merge(component, used, Long::sum);
        }
        StringBuilder out = new StringBuilder(String.format(
                "CPU time over %.1f s wall: process %.1f s (%.2f cores, %.0f µs/event); by thread:",
                wall / 1e9, processCpu / 1e9, (double) processCpu / wall, processCpu / 1e3 / events));
        byComponent.forEach((component, cpu) -> out.append(String.format("%n  %-70s %7.1f s %7.1f µs/event",
                component, cpu / 1e9, cpu / 1e3 / events)));
        Map<String, Double> jvmSeconds = jvmThreadSeconds();
        JVM_THREADS.keySet().stream().sorted().forEach(component -> {
            double seconds = jvmSeconds.getOrDefault(component, 0.0) - startJvmSeconds.getOrDefault(component, 0.0);
            out.append(String.format("%n  %-70s %7.1f s %7.1f µs/event", component + " (from /proc)", seconds,
                    seconds * 1e6 / events));
        });
        brokerPid.ifPresent(pid -> {
            double seconds = brokerSeconds() - startBrokerSeconds;
            out.append(String.format("%n  %-70s %7.1f s %7.1f µs/event (%.2f cores)", "broker process, pid " + pid + " (from /proc)",
                    seconds, seconds * 1e6 / events, seconds * 1e9 / wall));
        });
        return out.toString();
    }

    /** CPU seconds so far of the broker's own process; 0 without one. */
    private double brokerSeconds() {
        if (brokerPid.isEmpty()) {
            return 0;
        }
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(brokerPid.getAsLong()), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("broker process " + brokerPid.getAsLong() + " is not running", e);
        }
    }

    /** User + system CPU seconds from a {@code /proc/.../stat} line. */
    private static double cpuSeconds(String stat) {
        // fields after the parenthesised name: state is field 3, utime and stime are 14 and 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
    }

    /** CPU seconds so far of the JVM's own threads by component; empty where there is no {@code /proc}. */
    private static Map<String, Double> jvmThreadSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return seconds;
        }
        try (Stream<Path> all = Files.list(tasks)) {
            all.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    double cpu = cpuSeconds(Files.readString(task.resolve("stat")));
                    JVM_THREADS.forEach((component, pattern) -> {
                        if (pattern.matcher(name).find()) {
                            seconds.merge(component, cpu, Double::sum);
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read: its time is in the process total only
                }
            });
        } catch (IOException e) {
            return seconds;
        }
        return seconds;
    }
}
