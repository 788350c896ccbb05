package com.sabiscore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An operating-system process a fault scenario starts (an app instance, a broker, Redis), with
 * everything it prints in a log file: a file, not a pipe, so nothing is lost when it dies. It is
 * stopped with real signals, as an operator or a crashing machine would stop it.
 */
final class ChildProcess implements AutoCloseable {

    /** The signals the scenarios send. */
    enum Signal { TERM, INT, KILL }

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workingDir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Time since the process was started. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Everything printed so far (bytes that are not UTF-8 replaced). */
    String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines() {
        return output().lines().toList();
    }

    boolean printed(Predicate<String> line) {
        return lines().stream().anyMatch(line);
    }

    /**
     * Waits until the process prints a line {@code wanted} matches.
     *
     * @throws ScenarioFailure when it exits first or {@code timeout} passes, with the end of its output
     */
    void awaitLine(Predicate<String> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!printed(wanted)) {
            if (!isAlive()) {
                throw new ScenarioFailure(name + " exited (status " + process.exitValue() + ") before " + what + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new ScenarioFailure(name + " did not get to " + what + " within " + timeout.toSeconds() + " s\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** Sends {@code signal} (kill -s), without waiting. */
    void signal(Signal signal) {
        if (signal == Signal.KILL) {
            process.destroyForcibly();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal.name(), Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit status once the process has ended within {@code timeout}; empty if it is still running. */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /** SIGKILL and wait: a machine that dies. */
    void kill() throws InterruptedException {
        signal(Signal.KILL);
        process.waitFor();
    }

    /** The last lines printed, for a failure message. */
    String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Kills the process if it still runs: a scenario never leaves one behind. */
    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
