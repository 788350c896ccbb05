package com.sabiscore.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Follows one start of an app through its work, publishing the replay and processing it as the
 * broker shows them, until a target point of that work or until there is nothing left to do: the
 * point where a fault is injected.
 */
final class ProgressTrigger {

    private static final long POLL_MILLIS = 10;
    private static final long STREAMS_CHECK_NANOS = 2_000_000_000L;

    /** Which count a target is a share of. */
    enum Measure { PUBLISHED, PROCESSED }

    /** A point of a run: {@code share} of the history's events published, or processed. */
    record Target(Measure measure, double share) {

        /** Never reached: wait until the run settles. */
        static final Target SETTLED = new Target(Measure.PROCESSED, 2.0);

        boolean reachedBy(PipelineWatch.Progress progress, long events) {
            long count = measure == Measure.PUBLISHED ? progress.published() : progress.processed();
            return count >= share * events;
        }

        /**
         * A random point beyond {@code from}: while publishing is unfinished, alternately a share of
         * what is published and of what is processed, so faults hit both phases.
         */
        static Target randomAfter(PipelineWatch.Progress from, long events, boolean preferPublishing, Random random) {
            Measure measure = preferPublishing && from.published() < events ? Measure.PUBLISHED : Measure.PROCESSED;
            double done = (measure == Measure.PUBLISHED ? from.published() : from.processed()) / (double) events;
            return new Target(measure, done + random.nextDouble() * (1 - done));
        }

        @Override
        public String toString() {
            return share > 1 ? "settled" : String.format(Locale.ROOT, "%.0f%% %s", 100 * share, measure.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Where the run was when the trigger fired.
     *
     * @param settled true when the run had nothing left to do
     */
    record Fired(Target target, PipelineWatch.Progress progress, boolean settled, double secondsAfterStart, double readyAfterSeconds) {

        /**
         * e.g. {@code processing (target 40% processed): 111,150 of 111,150 events published, 38,000 processed;
         * 23.4 s after the start, ready after 14.2 s}.
         */
        String describe(long events) {
            String phase = settled ? "settled" : progress.published() < events ? "publishing" : "processing";
            return String.format(Locale.ROOT, "%s (target %s): %,d of %,d events published, %,d processed; %.1f s after the start, ready after %s",
                    phase, target, progress.published(), events, progress.processed(), secondsAfterStart,
                    readyAfterSeconds < 0 ? "(not yet)" : String.format(Locale.ROOT, "%.1f s", readyAfterSeconds));
        }
    }

    private final ChildProcess app;
    private final List<ChildProcess> mustRun;
    private final List<ReadyProbe> instances;
    private final BooleanSupplier publishingDone;
    private final PipelineWatch watch;
    private final long events;
    private final Duration timeout;

    /**
     * @param app            the process whose start the times are counted from
     * @param mustRun        processes (the app among them) that may not exit meanwhile
     * @param instances      the app instances, whose streams may not stop meanwhile
     * @param publishingDone true once nothing more will be published
     * @param events         the history's events: the work is publishing and processing each
     */
    ProgressTrigger(ChildProcess app, List<ChildProcess> mustRun, List<ReadyProbe> instances, BooleanSupplier publishingDone,
                    PipelineWatch watch, long events, Duration timeout) {
        this.app = app;
        this.mustRun = List.copyOf(mustRun);
        this.instances = List.copyOf(instances);
        this.publishingDone = publishingDone;
        this.watch = watch;
        this.events = events;
        this.timeout = timeout;
    }

    /** For an app that publishes the replay itself: it is done publishing once its {@code /ready} says so. */
    static ProgressTrigger of(ChildProcess app, Launcher.AppSpec spec, PipelineWatch watch, long events, Duration timeout) {
        ReadyProbe instance = new ReadyProbe(spec.baseUrl());
        return new ProgressTrigger(app, List.of(app), List.of(instance), instance::replayFinished, watch, events, timeout);
    }

    /** Waits until the run has nothing left to do (see {@link #await}). */
    Fired awaitSettled() throws InterruptedException {
        return await(Target.SETTLED);
    }

    /**
     * Waits until {@code target} is reached, or the run has settled: nothing more is being
     * published, every published event is processed, and nothing has moved for
     * {@link ScenarioRun#QUIET}.
     *
     * @throws ScenarioFailure when a process exits by itself or the timeout passes (counted from this call)
     */
    Fired await(Target target) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double readyAfter = -1;
        PipelineWatch.Progress last = null;
        long stillSince = System.nanoTime();
        long streamsCheckedAt = System.nanoTime();
        while (true) {
            for (ChildProcess process : mustRun) {
                if (!process.isAlive()) {
                    throw new ScenarioFailure(process.name() + " exited by itself\n" + process.tail());
                }
            }
            if (System.nanoTime() - streamsCheckedAt > STREAMS_CHECK_NANOS) {
                streamsCheckedAt = System.nanoTime();
                for (ReadyProbe instance : instances) {
                    instance.stoppedStream().ifPresent(state -> {
                        throw new ScenarioFailure("the stream of " + instance + " stopped by itself: " + state);
                    });
                }
            }
            if (readyAfter < 0 && app.printed(line -> line.startsWith(Launcher.READY_PREFIX))) {
                readyAfter = app.age().toMillis() / 1e3;
            }
            Optional<PipelineWatch.Progress> now = watch.progress();
            long at = System.nanoTime();
            if (now.isPresent()) {
                PipelineWatch.Progress progress = now.get();
                if (target.reachedBy(progress, events)) {
                    return new Fired(target, progress, false, app.age().toMillis() / 1e3, readyAfter);
                }
                if (!progress.equals(last)) {
                    stillSince = at;
                    last = progress;
                } else if (progress.lag() == 0 && at - stillSince >= ScenarioRun.QUIET.toNanos() && publishingDone.getAsBoolean()) {
                    return new Fired(target, progress, true, app.age().toMillis() / 1e3, readyAfter);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ScenarioFailure(app.name() + " neither reached " + target + " nor settled within "
                        + timeout.toMinutes() + " min; last progress " + last + "\n" + app.tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
