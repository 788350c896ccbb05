package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher fails like a tool: each foreseeable failure of {@code run} is one line on stderr
 * saying what is wrong and how to fix it, exit status 1 (2 for a wrong option), and a stack trace
 * only with {@code --verbose}. Every case stops before the app serves: nothing is left running.
 */
class SabiScoreCommandTest {

    private static final String PORT_HINT = "another program listens on that port: stop it, or choose another port "
            + "(--port, http.port or embedded.broker.port; 0 picks a free one)";

    @TempDir
    Path work;

    private final StringWriter err = new StringWriter();

    @Test
    void shouldSayInOneLineThatTheNamedDataFolderDoesNotExist() {
        int exit = run("run", "--data", work.resolve("missing").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).isEqualTo("sabiscore run: --data " + work.resolve("missing") + " is not a directory: "
                + work.resolve("missing") + " (point it at a folder that holds the data, or leave it unset to use the per-user data folder)");
    }

    @Test
    void shouldRefuseAWrongOptionInOneLineWithExitStatusTwo() {
        int exit = run("run", "--prot", "8080");

        assertThat(exit).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("sabiscore run: Unknown options: '--prot', '8080'; see 'sabiscore run --help'");
    }

    @Test
    void shouldListEveryBadSettingInOneLine() {
        int exit = run("run", "--set", "http.prot=8080", "--set", "http.port=eighty");

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).isEqualTo("sabiscore run: invalid configuration: unknown setting 'http.prot' as an override "
                + "(see docs/configuration.md for the known keys); http.port = 'eighty' (from override http.port): "
                + "must be a whole number from 0 to 65535");
    }

    @Test
    void shouldRefuseABadLiveFeedSettingInOneLine() {
        int exit = run("run", "--live", "--set", "feed.poll.interval=10m");

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).isEqualTo("sabiscore run: invalid configuration: feed.poll.interval = '10m' (from override "
                + "feed.poll.interval): must be a positive ISO-8601 duration such as PT10M or PT30S");
    }

    @Test
    void shouldSayAtOnceThatKafkaDoesNotAnswer() throws IOException {
        int port = freePort();

        int exit = run("run", "--replay", "never", "--set", "kafka.bootstrap.servers=127.0.0.1:" + port,
                "--set", "state.dir=" + work.resolve("state"));

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).startsWith("sabiscore run: Kafka does not answer (127.0.0.1:" + port + ": Connection refused): "
                + "start it (`bin/sabiscore broker` or `bin/sabiscore run`), or correct KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void shouldRefuseAStateFolderItCannotWrite() throws IOException {
        Path aFile = Files.writeString(work.resolve("a-file"), "not a folder");

        int exit = run("run", "--replay", "never", "--set", "state.dir=" + aFile.resolve("state"),
                "--set", "embedded.broker.dir=" + work.resolve("kafka"));

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).startsWith("sabiscore run: state.dir " + aFile.resolve("state") + " cannot be written (")
                .endsWith("): set state.dir (or SABISCORE_STATE_DIR) to a writable folder");
    }

    @Test
    void shouldSayTheModelFileIsDamagedAndWhatToPointAtInstead() throws IOException {
        Path models = Files.createDirectories(work.resolve("models"));
        Files.writeString(models.resolve("sabiscore-odds.onnx"), "not a model");
        Files.writeString(models.resolve("sabiscore-no-odds.onnx"), "not a model");

        int exit = run("run", "--replay", "never", "--set", "model.dir=" + models, "--set", "state.dir=" + work.resolve("state"),
                "--set", "embedded.broker.dir=" + work.resolve("kafka"));

        assertThat(exit).isEqualTo(1);
        assertThat(oneLine()).startsWith("sabiscore run: cannot load ONNX model " + models.resolve("sabiscore-"))
                .endsWith("; the model file is damaged or not a SabiScore ONNX model: point model.dir at a folder written by "
                        + "`bin/sabiscore train`, or leave it empty for the bundled models");
    }

    @Test
    void shouldSayTheHttpPortIsTakenAndHowToChooseAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int exit = run("run", "--replay", "never", "--port", Integer.toString(taken.getLocalPort()),
                    "--set", "embedded.broker.port=0", "--set", "embedded.broker.dir=" + work.resolve("kafka"),
                    "--set", "state.dir=" + work.resolve("state"));

            assertThat(exit).isEqualTo(1);
            // with the embedded broker the API listens on loopback only
            assertThat(oneLine()).isEqualTo("sabiscore run: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (http.port): "
                    + "Address already in use; " + PORT_HINT);
        }
    }

    @Test
    void shouldSayTheBrokerPortIsTakenBeforeStartingTheBroker() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int brokerPort = taken.getLocalPort();

            int runExit = run("run", "--replay", "never", "--port", "0", "--set", "embedded.broker.port=" + brokerPort,
                    "--set", "embedded.broker.dir=" + work.resolve("kafka"), "--set", "state.dir=" + work.resolve("state"));
            int brokerExit = run("broker", "--port", Integer.toString(brokerPort), "--dir", work.resolve("kafka").toString());

            assertThat(runExit).isEqualTo(1);
            assertThat(brokerExit).isEqualTo(1);
            assertThat(err.toString().lines()).containsExactly(
                    "sabiscore run: cannot listen on 127.0.0.1:" + brokerPort + " (embedded.broker.port): Address already in use; " + PORT_HINT,
                    "sabiscore broker: cannot listen on 127.0.0.1:" + brokerPort + " (embedded.broker.port): Address already in use; " + PORT_HINT);
        }
    }

    @Test
    void shouldAddTheStackTraceOnlyWhenAskedWithVerbose() {
        run("run", "--data", work.resolve("missing").toString());
        int exit = run("--verbose", "run", "--data", work.resolve("missing").toString());

        assertThat(exit).isEqualTo(1);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(lines.get(1)).startsWith("sabiscore run: --data ");
        assertThat(lines.get(2)).startsWith("com.sabiscore.data.DataLocation$DataNotFoundException: --data ");
        assertThat(lines).anyMatch(line -> line.startsWith("\tat com.sabiscore.data.DataLocation"));
    }

    private int run(String... args) {
        return SabiScoreCommand.commandLine().setErr(new PrintWriter(err, true)).execute(args);
    }

    /** What was printed, which must be one line and no stack trace. */
    private String oneLine() {
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as("printed on stderr").hasSize(1);
        return lines.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
