package com.sabiscore.faults;

import java.time.Duration;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 1, the app crashes: {@code bin/sabiscore run} (app and embedded broker in one
 * process) is killed with SIGKILL at random points of a replay, while it publishes and while it
 * processes, and restarted each time with the same command. After the last restart the
 * committed output must match an uninterrupted run (see {@link DeliveryCheck}).
 */
@Command(name = "app-crash", mixinStandardHelpOptions = true,
        description = "kill -9 the app at random points of a replay, restart it with the same command, check the output")
final class AppCrashScenario extends Scenario {

    /** The instance refreshes its catch-up report every second or so. */
    private static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(10);

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--kills", description = "how many times the app is killed (default ${DEFAULT-VALUE})")
    int kills = 10;

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("app-crash", "app crash: " + kills + " x kill -9 during the replay", options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            Launcher.AppSpec spec = run.embeddedApp("app");
            long events = 2 * run.matches();
            ReadyProbe ready = new ReadyProbe(spec.baseUrl());
            Random random = new Random(options.seedOrClock());
            report.line("seed %d (--seed repeats these kill points)", options.seed);
            PipelineWatch.Progress reached = new PipelineWatch.Progress(0, 0, 0);
            try (PipelineWatch watch = new PipelineWatch(spec.kafka())) {
                for (int k = 0; k < kills; k++) {
                    ChildProcess app = run.track(run.launcher.startApp(spec));
                    ProgressTrigger.Target target = ProgressTrigger.Target.randomAfter(reached, events, k % 2 == 0, random);
                    ProgressTrigger.Fired fired = ProgressTrigger.of(app, spec, watch, events, options.settleTimeout()).await(target);
                    reached = fired.progress();
                    long publishedWhenSaidDone = ready.saysCaughtUp() ? watch.progress().map(PipelineWatch.Progress::published).orElse(-1L) : events;
                    app.kill();
                    report.line("kill %d/%d: %s", k + 1, kills, fired.describe(events));
                    if (publishedWhenSaidDone < events) {
                        report.violation("before kill %d the app said it had caught up with %,d of %,d events published", k + 1,
                                publishedWhenSaidDone, events);
                    }
                }
                ChildProcess app = run.track(run.launcher.startApp(spec));
                ProgressTrigger.Fired settled = ProgressTrigger.of(app, spec, watch, events, options.settleTimeout()).awaitSettled();
                report.line("after the last restart: %s", settled.describe(events));
                report.expect(ready.awaitCaughtUp(CAUGHT_UP_WITHIN), "once settled, /ready says the replay is done and the stream caught up: %s",
                        ready.history());
                report.include(run.verify(spec.kafka(), reference));
                run.stop(app, ChildProcess.Signal.TERM);
            }
            return report;
        }
    }
}
