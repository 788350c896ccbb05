package com.sabiscore.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 4, the state is lost: an instance replays the window, answers a sample of queries
 * (predictions, teams, day ranges), is stopped, and its state folder is deleted while it is
 * down. Started again with the same command it has to restore its stores from the changelog
 * topics and answer every query of the sample exactly as before, without publishing anything new.
 */
@Command(name = "state-lost", mixinStandardHelpOptions = true,
        description = "delete an instance's state folder while it is down; it must restore and answer exactly as before")
final class StateLostScenario extends Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--store", description = "state.store.type of the instance: in_memory (default) or rocksdb")
    String store = "in_memory";

    @Option(names = "--stop", description = "how the instance goes down: KILL (default, a lost machine) or TERM")
    ChildProcess.Signal stop = ChildProcess.Signal.KILL;

    @Option(names = "--sample", description = "fixtures asked before and after (default ${DEFAULT-VALUE}); their teams and days are asked too")
    int sample = 1_000;

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("state-lost", "state lost: the state folder deleted while the instance is down, "
                + store + " stores", options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            Launcher.AppSpec spec = run.embeddedApp("app").withSetting("state.store.type", store);
            long events = 2 * run.matches();
            List<String> queries = queries(reference);
            Map<String, String> before;
            try (PipelineWatch watch = new PipelineWatch(spec.kafka())) {
                ChildProcess app = run.track(run.launcher.startApp(spec));
                report.line("first run: %s", ProgressTrigger.of(app, spec, watch, events, options.settleTimeout()).awaitSettled().describe(events));
                before = answers(spec, queries);
                long predictionsBefore = watch.progress().orElseThrow().output();
                if (stop == ChildProcess.Signal.KILL) {
                    app.kill();
                    report.line("instance killed (SIGKILL)");
                } else {
                    run.stop(app, stop);
                }
                if (Files.isDirectory(spec.stateDir())) {
                    report.line("state folder deleted while down: %,d files, %,d bytes", fileCount(spec), bytes(spec));
                    ScenarioRun.deleteRecursively(spec.stateDir());
                } else {
                    report.line("no state folder to delete: these stores keep nothing on disk, every start restores them");
                }

                long restarted = System.nanoTime();
                ChildProcess again = run.track(run.launcher.startApp(spec));
                ProgressTrigger.Fired settled = ProgressTrigger.of(again, spec, watch, events, options.settleTimeout()).awaitSettled();
                report.line("started again with the same command: %s; settled %.1f s after the start", settled.describe(events),
                        (System.nanoTime() - restarted) / 1e9);
                Map<String, String> after = answers(spec, queries);
                compare(before, after, report);
                long predictionsAfter = watch.progress().orElseThrow().output();
                report.line("predictions topic end offsets: %,d before the stop, %,d after the restore", predictionsBefore, predictionsAfter);
                report.include(run.verify(spec.kafka(), reference));
                run.stop(again, ChildProcess.Signal.TERM);
            }
            return report;
        }
    }

    /** Paths to ask: a sample of fixtures, each one's home team, and each one's day in its competition. */
    private List<String> queries(PredictionLedger reference) {
        List<String> ids = new ArrayList<>(reference.byFixture().keySet());
        Collections.shuffle(ids, new Random(options.seedOrClock()));
        Set<String> paths = new LinkedHashSet<>();
        for (String id : ids.subList(0, Math.min(sample, ids.size()))) {
            paths.add(HttpExchange.Request.prediction(id).path());
            var prediction = reference.of(id).get(0).prediction();
            paths.add("/api/v1/teams/" + prediction.getCompetition() + "/" + HttpExchange.Request.pathSegment(prediction.getHomeTeam()));
            String day = prediction.getKickoff().atZone(ZoneOffset.UTC).toLocalDate().toString();
            paths.add("/api/v1/predictions?competition=" + prediction.getCompetition() + "&from=" + day + "&to=" + day);
        }
        return List.copyOf(paths);
    }

    /** Each path's status and body, without {@code served_by} (which names the instance, not the answer). */
    private static Map<String, String> answers(Launcher.AppSpec spec, List<String> paths) throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        try (HttpExchange connection = new HttpExchange("127.0.0.1", spec.httpPort())) {
            for (String path : paths) {
                HttpExchange.Response response = connection.send(HttpExchange.Request.get(path));
                answers.put(path, response.status() + " " + withoutServedBy(response.body()));
            }
        }
        return answers;
    }

    private static String withoutServedBy(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json instanceof ObjectNode object) {
                object.remove("served_by");
            }
            return json.toString();
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void compare(Map<String, String> before, Map<String, String> after, FaultReport report) {
        long ok = before.values().stream().filter(answer -> answer.startsWith("200 ")).count();
        List<String> differing = before.keySet().stream().filter(path -> !before.get(path).equals(after.get(path))).toList();
        report.line("queries asked before and after: %,d (%,d answered 200 before)", before.size(), ok);
        report.expect(ok == before.size(), "every query was answered 200 before the loss (%,d were not)", before.size() - ok);
        report.expect(differing.isEmpty(), "every query answers exactly as before (differing: %,d%s)", differing.size(),
                differing.isEmpty() ? "" : ", e.g. " + differing.stream().limit(2)
                        .map(path -> path + ": before " + before.get(path) + " / after " + after.get(path)).toList());
    }

    private static long fileCount(Launcher.AppSpec spec) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(spec.stateDir())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long bytes(Launcher.AppSpec spec) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(spec.stateDir())) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
