package com.sabiscore.faults;

import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 8, a requested stop: an app instance of an external broker serves HTTP load while a
 * feed publishes events, and is stopped with SIGTERM or SIGINT, then started again with the same
 * command; once per signal. Each stop must answer the requests in flight, end the stream's
 * transaction and leave the consumer group, and exit with status 0 within 10 s. At the end the
 * committed output is checked against an uninterrupted run.
 */
@Command(name = "graceful-shutdown", mixinStandardHelpOptions = true,
        description = "SIGTERM/SIGINT an instance under HTTP load and a live feed; check the stop, then the output")
final class GracefulShutdownScenario extends Scenario {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--signals", split = ",", description = "the stops, in order (default ${DEFAULT-VALUE})")
    List<ChildProcess.Signal> signals = List.of(ChildProcess.Signal.TERM, ChildProcess.Signal.INT);

    @Option(names = "--rate", description = "feed events per second after the first half of the window (default ${DEFAULT-VALUE})")
    double rate = 20;

    @Option(names = "--http-rate", description = "HTTP requests per second (default ${DEFAULT-VALUE})")
    double httpRate = 300;

    @Option(names = "--load-seconds", description = "seconds of load before each stop (default ${DEFAULT-VALUE})")
    int loadSeconds = 5;

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("graceful-shutdown", "graceful shutdown: " + signals + " under load", options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            ScenarioRun.Broker broker = run.startBroker();
            String kafka = broker.bootstrapServers();
            Launcher.AppSpec spec = run.clusterApp("app", kafka, List.of("--replay", "never"));
            ChildProcess app = run.track(run.launcher.startAppAndAwaitReady(spec));
            List<MatchTimeline.Event> events = MatchTimeline.of(run.window.matches(), Duration.ZERO);
            OutcomeTally tally = new OutcomeTally(true, outcome -> false);
            try (PipelineWatch watch = new PipelineWatch(kafka);
                 PacedPublisher feed = new PacedPublisher(kafka, events, events.size() / 2, rate);
                 HttpLoad load = new HttpLoad("http-load", "127.0.0.1", spec.httpPort(), 8, httpRate,
                         new RequestMix(events, feed::published, Map.of(RequestMix.Kind.PREDICTION, 7, RequestMix.Kind.PREDICT, 2,
                                 RequestMix.Kind.READY, 1)), tally)) {
                report.line("feed: %,d events, the first %,d at once, then %.0f/s; HTTP load: %.0f requests/s on 8 connections",
                        events.size(), events.size() / 2, rate, httpRate);
                for (ChildProcess.Signal signal : signals) {
                    Thread.sleep(Duration.ofSeconds(loadSeconds).toMillis());
                    long signalled = stopAndCheck(app, signal, watch, feed, tally, report);
                    long restarted = System.nanoTime();
                    app = run.track(run.launcher.startAppAndAwaitReady(spec));
                    long ready = System.nanoTime();
                    List<HttpLoad.Outcome> meanwhile = tally.sentBetween(signalled, ready);
                    report.line("started again with the same command: ready in %.1f s; requests sent from the signal until then: "
                            + "%,d answered, %,d refused or cut", (ready - restarted) / 1e9,
                            meanwhile.stream().filter(HttpLoad.Outcome::answered).count(), meanwhile.stream().filter(o -> !o.answered()).count());
                }
                ChildProcess serving = app;
                new ProgressTrigger(serving, List.of(serving, broker.process()), List.of(new ReadyProbe(spec.baseUrl())), feed::done, watch,
                        events.size(), options.settleTimeout()).awaitSettled();
                report.expect(feed.failure() == null, "the feed published all %,d events (%s)", feed.published(),
                        feed.failure() == null ? "no error" : feed.failure().getMessage());
                load.close();
                report.line("HTTP over the whole run: %s; %s", tally.all(), tally.latency());
                report.line("answers other than 2xx (restarts included): %s", tally.notOk());
                report.include(run.verify(kafka, reference));
            }
            run.stop(app, ChildProcess.Signal.TERM);
            return report;
        }
    }

    /** Stops {@code app} with {@code signal} and checks the stop; returns when the signal was sent. */
    private static long stopAndCheck(ChildProcess app, ChildProcess.Signal signal, PipelineWatch watch, PacedPublisher feed,
                                     OutcomeTally tally, FaultReport report) throws Exception {
        PipelineWatch.Progress before = watch.progress().orElseThrow(() -> new ScenarioFailure("the broker does not answer"));
        long publishedBefore = feed.published();
        long signalled = System.nanoTime();
        app.signal(signal);
        OptionalInt status = app.awaitExit(Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - signalled) / 1e9;
        if (status.isEmpty()) {
            report.violation("SIG%s: still running after 60 s; killed", signal);
            app.kill();
            return signalled;
        }
        ConsumerGroupDescription group = watch.group();
        PipelineWatch.Progress after = watch.progress().orElseThrow(() -> new ScenarioFailure("the broker does not answer"));
        Map<TopicPartition, Long> stable = watch.endOffsets(List.of(InputCounts.TOPICS.predictionsTopic()), IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> written = watch.endOffsets(List.of(InputCounts.TOPICS.predictionsTopic()), IsolationLevel.READ_UNCOMMITTED);

        report.line("SIG%s at %.1f s of load (feed %s): %,d input events published, %,d processed and committed",
                signal, tally.secondOf(signalled), feed.published() > publishedBefore || !feed.done() ? "publishing" : "done",
                before.published(), before.processed());
        report.expect(status.getAsInt() == 0, "SIG%s: exit status %d", signal, status.getAsInt());
        report.expect(seconds <= STOP_LIMIT.toSeconds(), "SIG%s: exited in %.1f s (limit %d s)", signal, seconds, STOP_LIMIT.toSeconds());
        report.expect(group.members().isEmpty(), "SIG%s: the instance left the consumer group (group %s, %d members right after the exit)",
                signal, group.groupState(), group.members().size());
        report.expect(stable.equals(written), "SIG%s: no transaction left open on %s (last stable offsets = log end offsets)",
                signal, InputCounts.TOPICS.predictionsTopic());
        report.line("SIG%s: input committed at the exit: %,d of %,d published (%+,d since the signal)", signal, after.processed(),
                after.published(), after.processed() - before.processed());
        List<HttpLoad.Outcome> inFlight = tally.inFlightAt(signalled);
        long unanswered = inFlight.stream().filter(o -> !o.answered()).count();
        report.expect(unanswered == 0, "SIG%s: %,d requests in flight at the signal, %,d answered%s", signal, inFlight.size(),
                inFlight.size() - unanswered, unanswered == 0 ? "" : "; e.g. " + inFlight.stream().filter(o -> !o.answered())
                        .limit(3).map(o -> o.request().method() + " " + o.request().path() + ": " + o.body()).toList());
        long errors = app.lines().stream().filter(line -> line.contains(" ERROR ")).count();
        report.line("SIG%s: ERROR lines in the instance's log: %d", signal, errors);
        return signalled;
    }
}
