package com.sabiscore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the product's own commands as separate processes, the way an operator runs them:
 * {@code bin/sabiscore run} (an app instance), {@code bin/sabiscore broker}, and a private
 * {@code redis-server}. Every process prints into its own numbered log under the scenario's folder.
 */
final class Launcher {

    static final String READY_PREFIX = "SabiScore ready in";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path repoRoot;
    private final Path workDir;
    private final AtomicInteger started = new AtomicInteger();

    Launcher(Path repoRoot, Path workDir) {
        this.repoRoot = repoRoot;
        this.workDir = workDir;
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path repoRoot() {
        return repoRoot;
    }

    Path workDir() {
        return workDir;
    }

    /**
     * How one app instance is started; every restart of it uses the same arguments.
     *
     * @param bootstrapServers empty: the app's own embedded broker on {@code brokerDir}/{@code brokerPort}
     * @param settings         {@code --set} values (processing.guarantee, state.store.type, ...)
     * @param extraArguments   more {@code run} arguments ({@code --replay never}, a window, ...)
     */
    record AppSpec(String name, int httpPort, Path stateDir, String bootstrapServers, Path brokerDir, int brokerPort,
                   String redisUri, Map<String, String> settings, List<String> extraArguments) {

        AppSpec {
            settings = Map.copyOf(settings);
            extraArguments = List.copyOf(extraArguments);
        }

        /** The brokers a client of this instance's topics uses. */
        String kafka() {
            return bootstrapServers.isEmpty() ? "127.0.0.1:" + brokerPort : bootstrapServers;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + httpPort;
        }

        AppSpec withSetting(String key, String value) {
            Map<String, String> more = new HashMap<>(settings);
            more.put(key, value);
            return new AppSpec(name, httpPort, stateDir, bootstrapServers, brokerDir, brokerPort, redisUri, more, extraArguments);
        }
    }

    /** An instance with its own embedded broker, state and HTTP port under {@code name}'s folder. */
    AppSpec embeddedApp(String name, String redisUri, Map<String, String> settings, List<String> extraArguments) {
        return new AppSpec(name, freePort(), workDir.resolve(name + "/state"), "", workDir.resolve(name + "/kafka"), freePort(),
                redisUri, settings, extraArguments);
    }

    /** An instance of a shared external broker, with its own state and HTTP port. */
    AppSpec clusterApp(String name, String bootstrapServers, String redisUri, Map<String, String> settings, List<String> extraArguments) {
        return new AppSpec(name, freePort(), workDir.resolve(name + "/state"), bootstrapServers, null, 0, redisUri, settings, extraArguments);
    }

    /** Starts {@code bin/sabiscore run} as {@code spec} says, without waiting. */
    ChildProcess startApp(AppSpec spec) {
        List<String> command = new ArrayList<>(List.of("bash", repoRoot.resolve("bin/sabiscore").toString(), "run",
                "--port", Integer.toString(spec.httpPort()),
                "--set", "state.dir=" + spec.stateDir(),
                "--set", "redis.uri=" + spec.redisUri()));
        if (spec.bootstrapServers().isEmpty()) {
            command.addAll(List.of("--set", "embedded.broker.dir=" + spec.brokerDir(),
                    "--set", "embedded.broker.port=" + spec.brokerPort()));
        }
        spec.settings().forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        command.addAll(spec.extraArguments());
        Map<String, String> environment = spec.bootstrapServers().isEmpty()
                ? Map.of() : Map.of("KAFKA_BOOTSTRAP_SERVERS", spec.bootstrapServers());
        return start(spec.name(), command, environment);
    }

    /** Starts an app instance and waits until its stream is RUNNING ("SabiScore ready in ..."). */
    ChildProcess startAppAndAwaitReady(AppSpec spec) throws InterruptedException {
        ChildProcess app = startApp(spec);
        app.awaitLine(line -> line.startsWith(READY_PREFIX), "ready", START_TIMEOUT);
        return app;
    }

    /** Starts {@code bin/sabiscore broker} on {@code dir} and {@code port} and waits until it serves. */
    ChildProcess startBroker(String name, Path dir, int port) throws InterruptedException {
        ChildProcess broker = start(name, List.of("bash", repoRoot.resolve("bin/sabiscore").toString(), "broker",
                "--dir", dir.toString(), "--port", Integer.toString(port)), Map.of());
        broker.awaitLine(line -> line.startsWith("Kafka broker ready at"), "broker ready", START_TIMEOUT);
        return broker;
    }

    /** Starts {@code bin/sabiscore replay} of {@code window} into {@code bootstrapServers}, without waiting. */
    ChildProcess startReplay(String name, String bootstrapServers, ReplayWindow window) {
        List<String> command = new ArrayList<>(List.of("bash", repoRoot.resolve("bin/sabiscore").toString(), "replay"));
        command.addAll(window.runArguments(workDir));
        return start(name, command, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers));
    }

    /** A private Redis without persistence on {@code port}: the machine's shared one is never touched. */
    ChildProcess startRedis(int port) throws InterruptedException {
        ChildProcess redis = start("redis", List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"), Map.of());
        redis.awaitLine(line -> line.contains("Ready to accept connections"), "Redis ready", Duration.ofSeconds(30));
        return redis;
    }

    private ChildProcess start(String name, List<String> command, Map<String, String> environment) {
        Path log = workDir.resolve(String.format("%02d-%s.log", started.incrementAndGet(), name));
        return ChildProcess.start(name, command, environment, repoRoot, log);
    }

    /** A loopback port nothing listens on now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
