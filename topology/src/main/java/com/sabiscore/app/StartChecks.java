package com.sabiscore.app;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import com.sabiscore.config.Setting;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What is checked before anything starts, so that a foreseeable problem (an unwritable folder, a
 * Kafka cluster that does not answer) is one clear line at once, rather than a failure halfway
 * through start-up or a minute of client retries.
 */
final class StartChecks {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private StartChecks() {
    }

    /** The folders and ports {@code run} takes, and the cluster it joins when one is configured. */
    static void verify(AppConfig config) {
        requireWritableFolder(config.stateDir(), Setting.STATE_DIR);
        requireFreePort(config.httpHost(), config.httpPort(), Setting.HTTP_PORT);
        if (config.embeddedBroker()) {
            requireEmbeddedBrokerRoom(config);
        } else {
            requireReachableKafka(config.kafkaBootstrapServers());
        }
    }

    /** The embedded broker's folder is writable and its port free (the broker itself would log a page of errors). */
    static void requireEmbeddedBrokerRoom(AppConfig config) {
        requireWritableFolder(config.embeddedBrokerDir(), Setting.EMBEDDED_BROKER_DIR);
        requireFreePort(EmbeddedKafkaBroker.HOST, config.embeddedBrokerPort(), Setting.EMBEDDED_BROKER_PORT);
    }

    /** Nothing listens on the port yet; 0 (any free port) always passes. */
    static void requireFreePort(String host, int port, Setting setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + setting.key() + ")", e);
        }
    }

    /** Creates the folder if needed and checks that files can be written into it. */
    static void requireWritableFolder(Path folder, Setting setting) {
        String problem;
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
            return;
        } catch (IOException e) {
            problem = e.getMessage() != null && !e.getMessage().contains(folder.toString())
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        throw new IllegalStateException(setting.key() + " " + folder.toAbsolutePath() + " cannot be written (" + problem
                + "): set " + setting.key() + " (or " + setting.envName() + ") to a writable folder");
    }

    /** At least one of the bootstrap servers accepts a connection. */
    static void requireReachableKafka(String bootstrapServers) {
        List<String> refusals = new ArrayList<>();
        for (String server : bootstrapServers.split(",")) {
            String hostPort = server.strip();
            int colon = hostPort.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        (int) CONNECT_TIMEOUT.toMillis());
                return;
            } catch (IOException e) {
                refusals.add(hostPort + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        throw new IllegalStateException("Kafka does not answer (" + String.join(", ", refusals) + "): start it (`bin/sabiscore broker`"
                + " or `bin/sabiscore run`), or correct KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers); leave it unset to"
                + " let `run` start an embedded broker");
    }
}
