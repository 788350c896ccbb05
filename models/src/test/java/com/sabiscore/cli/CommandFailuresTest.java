package com.sabiscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

class CommandFailuresTest {

    private final StringWriter err = new StringWriter();

    @Test
    void shouldPrintOneLineAndExitWithOneWhenACommandFails() {
        int exit = run("job", "--fail-with", "football");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tool job: No football data found; pass --data DIR" + System.lineSeparator());
    }

    @Test
    void shouldAddTheStackTraceWithVerboseBeforeOrAfterTheSubcommand() {
        run("--verbose", "job", "--fail-with", "football");
        run("job", "--verbose", "--fail-with", "football");

        assertThat(err.toString().lines().filter(line -> line.startsWith("tool job: No football data found"))).hasSize(2);
        assertThat(err.toString()).contains("java.lang.IllegalStateException: No football data found", "\tat ");
    }

    @Test
    void shouldPrintOneLineWithAPointerToHelpAndExitWithTwoForAWrongOption() {
        int exit = run("job", "--fail-wit", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tool job: Unknown options: '--fail-wit', 'x' (did you mean --fail-with?); "
                + "see 'tool job --help'" + System.lineSeparator());
    }

    @Test
    void shouldSayWhatEachCauseAddsOnceInOneLine() {
        RuntimeException wrapped = new IllegalStateException("cannot load ONNX model /m/a.onnx",
                new OrtException("Failed to load model because protobuf parsing failed."));
        RuntimeException repeating = new RuntimeException("java.io.IOException: disk full", new IOException("disk full"));
        RuntimeException multiLine = new IllegalStateException("invalid configuration:\n  unknown setting 'x'\n  http.port = 'a': must be a number");

        assertThat(CommandFailures.describe(wrapped)).isEqualTo("cannot load ONNX model /m/a.onnx: "
                + "Failed to load model because protobuf parsing failed.; the model file is damaged or not a SabiScore ONNX model: "
                + "point model.dir at a folder written by `bin/sabiscore train`, or leave it empty for the bundled models");
        assertThat(CommandFailures.describe(repeating)).isEqualTo("java.io.IOException: disk full");
        assertThat(CommandFailures.describe(multiLine)).isEqualTo("invalid configuration: unknown setting 'x'; http.port = 'a': must be a number");
    }

    @Test
    void shouldTellHowToFixAPortInUseAndAnUnwritableFolder() {
        RuntimeException portInUse = new IllegalStateException("cannot listen on 0.0.0.0:8080", new BindException("Address already in use"));
        RuntimeException unwritable = new UncheckedIOException("cannot write run/kafka/server.properties",
                new AccessDeniedException("run/kafka"));

        assertThat(CommandFailures.describe(portInUse)).isEqualTo("cannot listen on 0.0.0.0:8080: Address already in use; "
                + "another program listens on that port: stop it, or choose another port (--port, http.port or embedded.broker.port; 0 picks a free one)");
        assertThat(CommandFailures.describe(unwritable)).isEqualTo("cannot write run/kafka/server.properties: AccessDeniedException: run/kafka; "
                + "check that the folder exists and is writable, or choose another one");
    }

    @Test
    void shouldCallAFailureThatCanOnlyBeABugAnInternalError() {
        assertThat(CommandFailures.describe(new NullPointerException("team is null")))
                .isEqualTo("internal error (java.lang.NullPointerException: team is null); run again with --verbose and report the stack trace");
    }

    private int run(String... args) {
        CommandLine commandLine = CommandFailures.install(new CommandLine(new Tool()).addSubcommand(new Job()));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Command(name = "tool")
    static final class Tool implements Runnable {
        @Option(names = CommandFailures.VERBOSE, scope = ScopeType.INHERIT)
        boolean verbose;

        @Override
        public void run() {
        }
    }

    @Command(name = "job")
    static final class Job implements Callable<Integer> {
        @Option(names = "--fail-with")
        String failure;

        @Override
        public Integer call() {
            throw new IllegalStateException("No " + failure + " data found; pass --data DIR");
        }
    }
}
