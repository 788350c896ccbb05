package com.sabiscore.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Follows one start of an app through its work (publishing the replay and processing it, as the
 * broker shows them) until a given share of that work is done, or until there is nothing left
 * to do: the point where a fault is injected.
 */
final class ProgressTrigger {

    private static final long POLL_MILLIS = 20;

    /**
     * Where the run was when the trigger fired.
     *
     * @param settled true when the run had nothing left to do (before reaching the share asked for)
     */
    record Fired(double target, PipelineWatch.Progress progress, boolean settled, double secondsAfterStart, double readyAfterSeconds) {

        /** e.g. {@code at 41% (target 40%, processing): 45,600 events published, 38,000 processed; 23.4 s after the start, ready after 14.2 s}. */
        String describe(long events) {
            double share = (progress.published() + progress.processed()) / (2.0 * events);
            String phase = settled ? "settled" : progress.published() < events ? "publishing" : "processing";
            String aim = target > 1 ? phase : String.format(Locale.ROOT, "target %.0f%%, %s", 100 * target, phase);
            return String.format(Locale.ROOT, "at %.0f%% (%s): %,d of %,d events published, %,d processed; %.1f s after the start, ready after %s",
                    100 * share, aim, progress.published(), events, progress.processed(), secondsAfterStart,
                    readyAfterSeconds < 0 ? "(not ready)" : String.format(Locale.ROOT, "%.1f s", readyAfterSeconds));
        }
    }

    private final ChildProcess app;
    private final List<ChildProcess> mustRun;
    private final BooleanSupplier publishingDone;
    private final PipelineWatch watch;
    private final long events;
    private final Duration timeout;

    /**
     * @param app            the process whose start the times are counted from
     * @param mustRun        processes (the app among them) that may not exit meanwhile
     * @param publishingDone true once nothing more will be published
     * @param events         the history's events: the work is publishing and processing each
     */
    ProgressTrigger(ChildProcess app, List<ChildProcess> mustRun, BooleanSupplier publishingDone, PipelineWatch watch, long events,
                    Duration timeout) {
        this.app = app;
        this.mustRun = List.copyOf(mustRun);
        this.publishingDone = publishingDone;
        this.watch = watch;
        this.events = events;
        this.timeout = timeout;
    }

    /** For an app that publishes the replay itself: it is done publishing once its {@code /ready} says so. */
    static ProgressTrigger of(ChildProcess app, Launcher.AppSpec spec, PipelineWatch watch, long events, Duration timeout) {
        return new ProgressTrigger(app, List.of(app), new ReadyProbe(spec.baseUrl())::replayFinished, watch, events, timeout);
    }

    /** Waits until the run has nothing left to do (see {@link #awaitShare}). */
    Fired awaitSettled() throws InterruptedException {
        return awaitShare(2.0);
    }

    /**
     * Waits until the published and processed events together reach {@code target} of twice the
     * history's events (above 1: never), or the run has settled: nothing more is being published,
     * every published event is processed, and nothing has moved for {@link ScenarioRun#QUIET}.
     *
     * @throws ScenarioFailure when the app exits by itself or the timeout passes
     */
    Fired awaitShare(double target) throws InterruptedException {
        double readyAfter = -1;
        PipelineWatch.Progress last = null;
        long stillSince = System.nanoTime();
        while (true) {
            for (ChildProcess process : mustRun) {
                if (!process.isAlive()) {
                    throw new ScenarioFailure(process.name() + " exited by itself\n" + process.tail());
                }
            }
            if (readyAfter < 0 && app.printed(line -> line.startsWith(Launcher.READY_PREFIX))) {
                readyAfter = app.age().toMillis() / 1e3;
            }
            Optional<PipelineWatch.Progress> now = watch.progress();
            long at = System.nanoTime();
            if (now.isPresent()) {
                PipelineWatch.Progress progress = now.get();
                if (progress.published() + progress.processed() >= target * 2 * events) {
                    return new Fired(target, progress, false, app.age().toMillis() / 1e3, readyAfter);
                }
                if (!progress.equals(last)) {
                    stillSince = at;
                    last = progress;
                } else if (progress.lag() == 0 && at - stillSince >= ScenarioRun.QUIET.toNanos()
                        && publishingDone.getAsBoolean()) {
                    return new Fired(target, progress, true, app.age().toMillis() / 1e3, readyAfter);
                }
            }
            if (app.age().compareTo(timeout) > 0) {
                throw new ScenarioFailure(app.name() + " neither reached " + Math.round(100 * target) + "% of its work nor settled within "
                        + timeout.toMinutes() + " min; last progress " + last + "\n" + app.tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
