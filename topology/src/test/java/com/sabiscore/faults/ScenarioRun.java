package com.sabiscore.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * One run of a fault scenario: its folder (emptied first), the launcher, a private Redis for the
 * app instances, the history it replays and the uninterrupted run it is compared with. Closing it
 * kills whatever it started that still runs.
 */
final class ScenarioRun implements AutoCloseable {

    /** How long the pipeline's inputs and output must stay still to count as settled. */
    static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    final ScenarioOptions options;
    final Launcher launcher;
    final ReplayWindow window;
    final DeliveryCheck.Guarantee guarantee;
    final FaultReport report;
    final String redisUri;
    private final List<ChildProcess> started = new ArrayList<>();
    /** A harness stopped from outside (a time limit, Ctrl-C) takes its processes with it. */
    private final Thread killOnExit = new Thread(this::killAll, "fault-scenario-cleanup");
    private long matches = -1;

    private ScenarioRun(String name, String title, ScenarioOptions options, boolean echo) throws InterruptedException {
        this.options = options;
        this.window = options.replayWindow();
        this.guarantee = options.processingGuarantee();
        this.report = new FaultReport(title + " (" + window.describe() + ", " + guarantee.setting + ")", echo);
        Path workDir = options.workDirFor(name);
        deleteRecursively(workDir);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.launcher = new Launcher(ScenarioOptions.repoRoot(), workDir);
        buildIfStale();
        int redisPort = Launcher.freePort();
        track(launcher.startRedis(redisPort));
        this.redisUri = "redis://127.0.0.1:" + redisPort;
    }

    /**
     * @param name  the scenario's folder name
     * @param title what the scenario does, heading its report
     * @param echo  print the report's lines as they come
     */
    static ScenarioRun open(String name, String title, ScenarioOptions options, boolean echo) throws InterruptedException {
        return new ScenarioRun(name, title, options, echo);
    }

    /** Kills {@code process} when the run closes, if it still runs then. */
    synchronized ChildProcess track(ChildProcess process) {
        started.add(process);
        return process;
    }

    /** The matches of the replayed window (loaded once). */
    long matches() {
        if (matches < 0) {
            matches = window.matches().size();
        }
        return matches;
    }

    /** A broker in a process of its own ({@code bin/sabiscore broker}), its folder under the scenario's. */
    record Broker(ChildProcess process, Path dir, int port) {
        String bootstrapServers() {
            return "127.0.0.1:" + port;
        }
    }

    /** Starts a broker of its own on a new folder and a free port, and waits until it serves. */
    Broker startBroker() throws InterruptedException {
        return startBroker(launcher.workDir().resolve("broker"), Launcher.freePort());
    }

    /** Starts {@code stopped}'s broker again, on its folder and port. */
    Broker restart(Broker stopped) throws InterruptedException {
        return startBroker(stopped.dir(), stopped.port());
    }

    private Broker startBroker(Path dir, int port) throws InterruptedException {
        return new Broker(track(launcher.startBroker("broker", dir, port)), dir, port);
    }

    /** An instance with its own embedded broker replaying the window, under the scenario's guarantee. */
    Launcher.AppSpec embeddedApp(String name) {
        return launcher.embeddedApp(name, redisUri, Map.of("processing.guarantee", guarantee.setting),
                window.runArguments(launcher.workDir()));
    }

    /** An instance of an external broker under the scenario's guarantee, with more {@code run} arguments. */
    Launcher.AppSpec clusterApp(String name, String bootstrapServers, List<String> arguments) {
        return clusterApp(name, bootstrapServers, Map.of(), arguments);
    }

    /** As {@link #clusterApp(String, String, List)}, with more settings. */
    Launcher.AppSpec clusterApp(String name, String bootstrapServers, Map<String, String> settings, List<String> arguments) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("processing.guarantee", guarantee.setting);
        return launcher.clusterApp(name, bootstrapServers, redisUri, all, arguments);
    }

    /**
     * The committed predictions of an uninterrupted run of the window under the guarantee: read
     * from the reference folder when a run of the same window, guarantee and application jar is
     * there, else made now (and kept).
     */
    PredictionLedger reference() throws InterruptedException {
        String description = window.label() + " " + guarantee.setting + " jar " + jarFingerprint();
        Path file = options.referenceDir().resolve("reference-" + guarantee.setting + "-"
                + window.label().replaceAll("[^A-Za-z0-9-]", "_") + ".ledger.gz");
        if (Files.exists(file)) {
            PredictionLedger kept = PredictionLedger.load(file);
            if (kept.description().equals(description)) {
                report.line("reference: the uninterrupted run kept in %s (%,d fixtures, %,d predictions)",
                        file.getFileName(), kept.fixtures(), kept.predictions());
                return kept;
            }
        }
        long startedAt = System.nanoTime();
        Launcher.AppSpec spec = embeddedApp("reference");
        ChildProcess app = track(launcher.startAppAndAwaitReady(spec));
        PredictionLedger ledger;
        FaultReport selfCheck;
        try (PipelineWatch watch = new PipelineWatch(spec.kafka())) {
            ProgressTrigger.of(app, spec, watch, 2 * matches(), options.settleTimeout()).awaitSettled();
            ledger = PredictionLedger.read(spec.kafka(), InputCounts.TOPICS.predictionsTopic(), description);
            selfCheck = DeliveryCheck.check(guarantee, ledger, ledger, InputCounts.read(spec.kafka()), matches());
        }
        stop(app, ChildProcess.Signal.TERM);
        report.line("reference: an uninterrupted run made in %.0f s: %,d fixtures, %,d predictions",
                (System.nanoTime() - startedAt) / 1e9, ledger.fixtures(), ledger.predictions());
        if (!selfCheck.passed()) {
            report.include(selfCheck);
            throw new ScenarioFailure("the uninterrupted run is not a usable reference: " + selfCheck.violations());
        }
        ledger.save(file);
        deleteRecursively(launcher.workDir().resolve("reference"));
        return ledger;
    }

    /** Reads the committed output and the inputs from {@code bootstrapServers} and checks them against the reference. */
    FaultReport verify(String bootstrapServers, PredictionLedger reference) {
        PredictionLedger run = PredictionLedger.read(bootstrapServers, InputCounts.TOPICS.predictionsTopic(), "this run");
        return DeliveryCheck.check(guarantee, reference, run, InputCounts.read(bootstrapServers), matches());
    }

    /**
     * Stops a process with {@code signal} and reports how long it took and its status; a process
     * still running after a minute is killed and the stop reported as a violation.
     */
    OptionalInt stop(ChildProcess process, ChildProcess.Signal signal) throws InterruptedException {
        long signalled = System.nanoTime();
        process.signal(signal);
        OptionalInt status = process.awaitExit(STOP_TIMEOUT);
        if (status.isEmpty()) {
            report.violation("%s still ran %d s after SIG%s: killed", process.name(), STOP_TIMEOUT.toSeconds(), signal);
            process.kill();
        } else {
            report.line("%s stopped by SIG%s in %.1f s, status %d", process.name(), signal, (System.nanoTime() - signalled) / 1e9,
                    status.getAsInt());
        }
        return status;
    }

    /** The application jar's SHA-256 prefix: a reference made by another build is not reused. */
    private String jarFingerprint() {
        Path jar = launcher.repoRoot().resolve("topology/target/sabiscore.jar");
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the application jar before any timed step, as {@code bin/sabiscore} would at its first start. */
    private void buildIfStale() throws InterruptedException {
        ChildProcess build = ChildProcess.start("build", List.of("bash", launcher.repoRoot().resolve("bin/sabiscore").toString(), "--help"),
                Map.of(), launcher.repoRoot(), launcher.workDir().resolve("00-build.log"));
        OptionalInt status = build.awaitExit(Duration.ofMinutes(15));
        if (status.isEmpty() || status.getAsInt() != 0) {
            throw new ScenarioFailure("bin/sabiscore could not build the application jar\n" + build.tail());
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + folder, e);
        }
    }

    @Override
    public void close() {
        killAll();
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private synchronized void killAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).signal(ChildProcess.Signal.KILL);
        }
    }
}
