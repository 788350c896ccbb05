package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sabiscore broker}: a real broker other processes reach, stopped on request. */
class BrokerCommandTest {

    private static final Pattern READY = Pattern.compile("Kafka broker ready at (127\\.0\\.0\\.1:(\\d+))");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void shouldServeClientsUntilStoppedAndKeepTopicsInItsFolder() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BrokerCommand command = new BrokerCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                new CommandLine(command).execute("--dir", dataDir.toString(), "--port", "0"));

        Matcher ready = awaitReady(printed, exit);
        String bootstrap = ready.group(1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("fixtures", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("fixtures");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("KAFKA_BOOTSTRAP_SERVERS=" + bootstrap);

        command.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        int port = Integer.parseInt(ready.group(2));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThat(dataDir.resolve("ports.properties")).content().contains("broker.port=" + port);
    }

    private static Matcher awaitReady(ByteArrayOutputStream printed, CompletableFuture<Integer> exit) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(printed.toString(StandardCharsets.UTF_8));
            if (ready.find()) {
                return ready;
            }
            assertThat(exit).as("the command ended before the broker was ready: " + printed).isNotDone();
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line within " + STARTUP + ": " + printed);
    }
}
