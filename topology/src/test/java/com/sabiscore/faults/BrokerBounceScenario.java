package com.sabiscore.faults;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 2, the broker goes away: the app runs against {@code bin/sabiscore broker} in its
 * own process and replays the window; at random points of the replay the broker is stopped
 * cleanly (SIGTERM) or killed (SIGKILL), left down a few seconds and started again on the same
 * folder and port. The app is never restarted: it has to reconnect by itself and finish, with the
 * committed output matching an uninterrupted run.
 */
@Command(name = "broker-bounce", mixinStandardHelpOptions = true,
        description = "stop or kill -9 the broker under a replaying app, start it again; the app must carry on by itself")
final class BrokerBounceScenario extends Scenario {

    /** The instance refreshes its catch-up report every second or so. */
    private static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(10);

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--bounces", split = ",", description = "how the broker is stopped each time, in order (default ${DEFAULT-VALUE})")
    List<ChildProcess.Signal> bounces = List.of(ChildProcess.Signal.TERM, ChildProcess.Signal.KILL);

    @Option(names = "--down-seconds", description = "how long the broker stays down each time (default ${DEFAULT-VALUE})")
    int downSeconds = 5;

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("broker-bounce", "broker bounce: " + bounces + ", the app left running", options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            ScenarioRun.Broker broker = run.startBroker();
            String kafka = broker.bootstrapServers();
            Launcher.AppSpec spec = run.clusterApp("app", kafka, run.window.runArguments(run.launcher.workDir()));
            ChildProcess app = run.track(run.launcher.startAppAndAwaitReady(spec));
            ReadyProbe ready = new ReadyProbe(spec.baseUrl());
            long events = 2 * run.matches();
            Random random = new Random(options.seedOrClock());
            report.line("seed %d (--seed repeats these bounce points)", options.seed);
            try (PipelineWatch watch = new PipelineWatch(kafka)) {
                PipelineWatch.Progress reached = new PipelineWatch.Progress(0, 0, 0);
                for (int b = 0; b < bounces.size(); b++) {
                    ProgressTrigger.Fired fired = progress(app, broker, ready, watch, events).await(ProgressTrigger.Target.randomAfter(reached, events, b % 2 == 0, random));
                    reached = fired.progress();
                    ChildProcess.Signal signal = bounces.get(b);
                    report.line("bounce %d/%d, SIG%s: %s", b + 1, bounces.size(), signal, fired.describe(events));
                    if (signal == ChildProcess.Signal.KILL) {
                        broker.process().kill();
                    } else {
                        run.stop(broker.process(), signal);
                    }
                    Thread.sleep(Duration.ofSeconds(downSeconds).toMillis());
                    long restarting = System.nanoTime();
                    broker = run.restart(broker);
                    report.line("broker down %d s, then ready again in %.1f s", downSeconds, (System.nanoTime() - restarting) / 1e9);
                }
                ProgressTrigger.Fired settled = progress(app, broker, ready, watch, events).awaitSettled();
                report.line("after the last bounce, without restarting the app: %s", settled.describe(events));
                report.expect(ready.awaitCaughtUp(CAUGHT_UP_WITHIN), "/ready says the replay is done and the stream caught up: %s", ready.history());
                report.include(run.verify(kafka, reference));
            }
            run.stop(app, ChildProcess.Signal.TERM);
            run.stop(broker.process(), ChildProcess.Signal.TERM);
            return report;
        }
    }

    /** The app's progress; the app and the broker of the moment must keep running. */
    private ProgressTrigger progress(ChildProcess app, ScenarioRun.Broker broker, ReadyProbe ready, PipelineWatch watch, long events) {
        return new ProgressTrigger(app, List.of(app, broker.process()), List.of(ready), ready::replayFinished, watch, events,
                options.settleTimeout());
    }
}
