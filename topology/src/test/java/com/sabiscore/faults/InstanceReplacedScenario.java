package com.sabiscore.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 3, an instance is replaced: two instances of one application (each its own state
 * folder and HTTP port, a standby replica of every store) share an external broker while
 * {@code bin/sabiscore replay} publishes the window. Mid-replay one instance is killed with
 * SIGKILL and a new one, with an empty state folder, takes its place. Interactive queries go to
 * every live instance throughout: each answer not 2xx is counted per second, and an answer older
 * than the committed output must be flagged stale. At the end the output is checked against an
 * uninterrupted run, and both remaining instances answer every sampled fixture with its final
 * committed version.
 */
@Command(name = "instance-replaced", mixinStandardHelpOptions = true,
        description = "two instances with standbys; kill -9 one mid-replay, start a new one; queries throughout")
final class InstanceReplacedScenario extends Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECTIONS = 4;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--query-rate", description = "interactive queries per second to each live instance (default ${DEFAULT-VALUE})")
    double queryRate = 100;

    @Option(names = "--final-sample", description = "fixtures every remaining instance is asked for at the end (default ${DEFAULT-VALUE})")
    int finalSample = 500;

    /** The committed version each query was sent knowing (by identity: equal requests may be in flight together). */
    private final Map<HttpExchange.Request, Long> committedAtSend = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicLong behindUnflagged = new AtomicLong();
    private final List<String> behindExamples = Collections.synchronizedList(new ArrayList<>());

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("instance-replaced", "instance replaced: kill -9 one of two instances mid-replay",
                options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            ScenarioRun.Broker brokerRun = run.startBroker();
            ChildProcess broker = brokerRun.process();
            String kafka = brokerRun.bootstrapServers();
            List<String> serveOnly = List.of("--replay", "never");
            Launcher.AppSpec specA = run.clusterApp("instance-a", kafka, serveOnly);
            Launcher.AppSpec specB = run.clusterApp("instance-b", kafka, serveOnly);
            ChildProcess a = run.track(run.launcher.startApp(specA));
            ChildProcess b = run.track(run.launcher.startApp(specB));
            a.awaitLine(line -> line.startsWith(Launcher.READY_PREFIX), "ready", Duration.ofMinutes(4));
            b.awaitLine(line -> line.startsWith(Launcher.READY_PREFIX), "ready", Duration.ofMinutes(4));
            long events = 2 * run.matches();
            Random random = new Random(options.seedOrClock());
            boolean killA = random.nextBoolean();
            ChildProcess victim = killA ? a : b;
            ChildProcess survivor = killA ? b : a;
            Launcher.AppSpec survivorSpec = killA ? specB : specA;
            report.line("seed %d: %s will be killed, %s survives", options.seed, victim.name(), survivor.name());

            try (PipelineWatch watch = new PipelineWatch(kafka); CommittedTail tail = new CommittedTail(kafka)) {
                OutcomeTally survivorTally = tally();
                OutcomeTally victimTally = tally();
                OutcomeTally newcomerTally = tally();
                HttpLoad survivorQueries = queries(survivor.name(), survivorSpec, tail, survivorTally);
                HttpLoad victimQueries = queries(victim.name(), killA ? specA : specB, tail, victimTally);
                ChildProcess replay = run.track(run.launcher.startReplay("replay", kafka, run.window));
                ProgressTrigger.Target target = new ProgressTrigger.Target(ProgressTrigger.Measure.PROCESSED, 0.2 + 0.6 * random.nextDouble());
                ProgressTrigger.Fired fired = new ProgressTrigger(survivor, List.of(a, b, broker), List.of(), () -> false, watch, events,
                        options.settleTimeout()).await(target);
                long killedAt = System.nanoTime();
                victim.kill();
                victimQueries.close();
                report.line("killed %s at second %.1f of the queries: %s", victim.name(), survivorTally.secondOf(killedAt), fired.describe(events));

                Launcher.AppSpec newcomerSpec = run.clusterApp("instance-c", kafka, serveOnly);
                ChildProcess newcomer = run.track(run.launcher.startAppAndAwaitReady(newcomerSpec));
                report.line("new instance-c (empty state folder) ready %.1f s after the kill, at second %.1f", (System.nanoTime() - killedAt) / 1e9,
                        survivorTally.secondOf(System.nanoTime()));
                HttpLoad newcomerQueries = queries("instance-c", newcomerSpec, tail, newcomerTally);

                ReadyProbe survivorReady = new ReadyProbe(survivorSpec.baseUrl());
                ReadyProbe newcomerReady = new ReadyProbe(newcomerSpec.baseUrl());
                ProgressTrigger.Fired settled = new ProgressTrigger(survivor, List.of(survivor, newcomer, broker),
                        List.of(survivorReady, newcomerReady), () -> exitedCleanly(replay), watch, events, options.settleTimeout())
                        .awaitSettled();
                report.line("settled: %s", settled.describe(events));
                survivorQueries.close();
                newcomerQueries.close();

                report.line("queries to %s before the kill: %s", victim.name(), victimTally.all());
                answeredThroughout(survivor.name(), survivorTally, report);
                answeredThroughout("instance-c", newcomerTally, report);
                report.expect(behindUnflagged.get() == 0, "answers older than the committed output are flagged stale (unflagged: %,d%s)",
                        behindUnflagged.get(), behindExamples.isEmpty() ? "" : ", e.g. " + behindExamples);
                report.include(run.verify(kafka, reference));
                finalAnswers(reference, List.of(survivorSpec, newcomerSpec), report);
                run.stop(newcomer, ChildProcess.Signal.TERM);
            }
            run.stop(survivor, ChildProcess.Signal.TERM);
            return report;
        }
    }

    private static OutcomeTally tally() {
        return new OutcomeTally(false, outcome -> outcome.body().contains("\"stale\":true"));
    }

    private static boolean exitedCleanly(ChildProcess replay) {
        try {
            OptionalInt status = replay.awaitExit(Duration.ZERO);
            if (status.isPresent() && status.getAsInt() != 0) {
                throw new ScenarioFailure("bin/sabiscore replay failed with status " + status.getAsInt() + "\n" + replay.tail());
            }
            return status.isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Interactive queries for committed fixtures to one instance; answers older than what was committed at sending are counted. */
    private HttpLoad queries(String name, Launcher.AppSpec spec, CommittedTail tail, OutcomeTally tally) {
        return new HttpLoad(name + "-queries", "127.0.0.1", spec.httpPort(), CONNECTIONS, queryRate, () -> {
            String id = tail.anyFixture();
            if (id == null) {
                // nothing committed to ask for yet: liveness keeps the connections busy (/ready may rightly say 503 then)
                return HttpExchange.Request.get("/health");
            }
            HttpExchange.Request request = HttpExchange.Request.prediction(id);
            committedAtSend.put(request, tail.version(id));
            return request;
        }, outcome -> {
            Long committed = committedAtSend.remove(outcome.request());
            tally.accept(outcome);
            if (committed != null && outcome.status() == 200 && !outcome.body().contains("\"stale\":true")) {
                long version = version(outcome.body());
                if (version < committed) {
                    behindUnflagged.incrementAndGet();
                    if (behindExamples.size() < 3) {
                        behindExamples.add(name + " " + outcome.request().path() + " version " + version + " < committed " + committed);
                    }
                }
            }
        });
    }

    /** Counts of an instance's queries; any answer not 2xx while it is live is a violation. */
    private static void answeredThroughout(String instance, OutcomeTally tally, FaultReport report) {
        OutcomeTally.Counts all = tally.all();
        report.line("queries to %s: %s; flagged stale: %,d (%s); %s", instance, all, all.flagged, tally.flaggedSeconds(), tally.latency());
        tally.troubledSeconds().forEach(second -> report.line("  %s %s", instance, second));
        report.expect(all.notOk() == 0, "%s answered every query 2xx (not 2xx: %s)", instance, tally.notOk());
    }

    /** Every remaining instance answers a sample of fixtures with the final committed prediction, not flagged stale. */
    private void finalAnswers(PredictionLedger reference, List<Launcher.AppSpec> instances, FaultReport report) throws IOException {
        List<String> ids = new ArrayList<>(reference.byFixture().keySet());
        Collections.shuffle(ids, new Random(options.seed));
        List<String> sample = ids.subList(0, Math.min(finalSample, ids.size()));
        for (Launcher.AppSpec spec : instances) {
            long wrong = 0;
            List<String> examples = new ArrayList<>();
            try (HttpExchange connection = new HttpExchange("127.0.0.1", spec.httpPort())) {
                for (String id : sample) {
                    List<PredictionLedger.Entry> versions = reference.of(id);
                    long expected = versions.get(versions.size() - 1).version();
                    HttpExchange.Response answer = connection.send(HttpExchange.Request.prediction(id));
                    if (answer.status() != 200 || version(answer.body()) != expected || answer.body().contains("\"stale\":true")) {
                        wrong++;
                        if (examples.size() < 3) {
                            examples.add(id + " -> " + answer.status() + " " + answer.body().substring(0, Math.min(120, answer.body().length())));
                        }
                    }
                }
            }
            report.expect(wrong == 0, "%s answers %,d sampled fixtures with their final version, not stale (wrong: %,d%s)",
                    spec.name(), sample.size(), wrong, examples.isEmpty() ? "" : ", e.g. " + examples);
        }
    }

    private static long version(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.path("prediction").path("version").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
